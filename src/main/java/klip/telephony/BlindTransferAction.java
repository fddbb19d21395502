package klip.telephony;

import org.asteriskjava.manager.action.AbstractManagerAction;

/**
 * AMI BlindTransfer (Asterisk 12 and later; asterisk-java 3.41 has no class for it): the party bridged with
 * {@code Channel} continues at {@code Context}/{@code Exten}, and {@code Channel}, the transferer, leaves the call.
 * Asterisk answers once the transfer is done and reports it as a BlindTransfer event.
 */
public final class BlindTransferAction extends AbstractManagerAction {

  private static final long serialVersionUID = 1L;

  private String channel;
  private String context;
  private String exten;

  public BlindTransferAction(String channel, String context, String exten) {
    this.channel = channel;
    this.context = context;
    this.exten = exten;
  }

  @Override
  public String getAction() {
    return "BlindTransfer";
  }

  public String getChannel() {
    return channel;
  }

  public void setChannel(String channel) {
    this.channel = channel;
  }

  public String getContext() {
    return context;
  }

  public void setContext(String context) {
    this.context = context;
  }

  public String getExten() {
    return exten;
  }

  public void setExten(String exten) {
    this.exten = exten;
  }
}
