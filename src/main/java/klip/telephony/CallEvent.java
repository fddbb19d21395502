package klip.telephony;

/**
 * One AMI event reduced to the fields the call model reads: immutable, so it can cross from
 * asterisk-java's reader thread to the telephony verticle's event loop without sharing state.
 *
 * @param receivedAtMillis wall-clock time our listener saw the event, the start of the pop latency
 */
public record CallEvent(
    Type type,
    long receivedAtMillis,
    String linkedId,
    String uniqueId,
    String channel,
    String channelState,
    String callerNumber,
    String callerName,
    String queue,
    String memberInterface,
    String memberName,
    String destChannel,
    String detail) {

  /** The AMI events the model understands; everything else is counted and dropped at the listener. */
  public enum Type {
    NEW_CHANNEL, NEW_STATE, NEW_CALLERID, QUEUE_JOIN, QUEUE_LEAVE, QUEUE_ABANDON, AGENT_CALLED, AGENT_RING_NO_ANSWER,
    DIAL_BEGIN, DIAL_END, AGENT_CONNECT, AGENT_COMPLETE, HANGUP, MEMBER_STATUS,
    MEMBER_PAUSE, SPY_START, SPY_STOP,
    /** MixMonitor began on a channel of the call; {@code detail} is the file name when Asterisk told it. */
    RECORDING,
    /**
     * A successful blind transfer: {@code channel}, the transferer (the agent's leg), leaves the call; its other
     * party {@code destChannel} goes on in the dialplan at extension {@code detail}.
     */
    TRANSFER
  }

  /** A builder keeps the translator readable: most events fill only a few of the fields. */
  public static Builder of(Type type, long receivedAtMillis) {
    return new Builder(type, receivedAtMillis);
  }

  public static final class Builder {
    private final Type type;
    private final long receivedAtMillis;
    private String linkedId;
    private String uniqueId;
    private String channel;
    private String channelState;
    private String callerNumber;
    private String callerName;
    private String queue;
    private String memberInterface;
    private String memberName;
    private String destChannel;
    private String detail;

    private Builder(Type type, long receivedAtMillis) {
      this.type = type;
      this.receivedAtMillis = receivedAtMillis;
    }

    public Builder linkedId(String v) { linkedId = v; return this; }
    public Builder uniqueId(String v) { uniqueId = v; return this; }
    public Builder channel(String v) { channel = v; return this; }
    public Builder channelState(String v) { channelState = v; return this; }
    public Builder caller(String number, String name) { callerNumber = clean(number); callerName = clean(name); return this; }
    public Builder queue(String v) { queue = v; return this; }
    public Builder member(String iface, String name) { memberInterface = iface; memberName = name; return this; }
    public Builder destChannel(String v) { destChannel = v; return this; }
    public Builder detail(String v) { detail = v; return this; }

    public CallEvent build() {
      return new CallEvent(type, receivedAtMillis, linkedId, uniqueId, channel, channelState, callerNumber, callerName,
          queue, memberInterface, memberName, destChannel, detail);
    }

    /** Asterisk writes "&lt;unknown&gt;" for an absent caller id; the model treats it as absent. */
    private static String clean(String value) {
      return value == null || value.isBlank() || value.equals("<unknown>") ? null : value;
    }
  }
}
