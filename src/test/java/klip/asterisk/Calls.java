package klip.asterisk;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What happens on the PBX side of a test, through the controller's AMI connection: taxpayers calling 1500200
 * (a Local channel whose caller end waits a given time, then hangs up, as the captures were made), agents
 * pausing, a caller's line cut.
 */
final class Calls {

  private static final String QUEUE = "eapp";
  private final ManagerConnection controller;
  private final Map<String, String> callerChannels = new ConcurrentHashMap<>();

  Calls(ManagerConnection controller) {
    this.controller = controller;
  }

  /** Places a call from {@code number}; the caller hangs up {@code seconds} after entering; returns the call id. */
  String call(String number, String name, int seconds) throws Exception {
    OriginateAction o = new OriginateAction();
    o.setChannel("Local/1500200@from-pstn");
    o.setApplication("Wait");
    o.setData(String.valueOf(seconds));
    o.setCallerId("\"" + name + "\" <" + number + ">");
    o.setAsync(true);
    o.setTimeout(10_000L);
    ResponseEvents events = controller.sendEventGeneratingAction(o, 20_000);
    if (events.getResponse() instanceof ManagerError e) {
      throw new IllegalStateException("Originate refused: " + e.getMessage());
    }
    OriginateResponseEvent result = events.getEvents().stream().filter(OriginateResponseEvent.class::isInstance)
        .map(OriginateResponseEvent.class::cast).findFirst()
        .orElseThrow(() -> new IllegalStateException("no OriginateResponse for the call from " + number));
    if (!result.isSuccess()) {
      throw new IllegalStateException("The call from " + number + " failed: reason " + result.getReason());
    }
    // The caller's leg (;1) is the call's first channel: its Uniqueid is the Linkedid of every leg.
    callerChannels.put(result.getUniqueId(), result.getChannel());
    return result.getUniqueId();
  }

  /** The caller hangs up now. */
  void hangupCall(String callId) throws Exception {
    String channel = callerChannels.get(callId);
    if (channel != null) {
      controller.sendAction(new HangupAction(channel), 10_000);
    }
  }

  /**
   * Starts another MixMonitor on {@code channel} over AMI (as a supervisor's recording tool would), named as the
   * dialplan names recordings but after that leg; returns the file's path.
   */
  String mixMonitor(String channel, java.nio.file.Path monitorDir) throws Exception {
    String uniqueId = null;
    org.asteriskjava.manager.action.GetVarAction get = new org.asteriskjava.manager.action.GetVarAction(channel,
        "UNIQUEID");
    ManagerResponse r = controller.sendAction(get, 10_000);
    if (r instanceof org.asteriskjava.manager.response.GetVarResponse v) {
      uniqueId = v.getValue();
    }
    String file = monitorDir.resolve(java.time.LocalDate.now().format(java.time.format.DateTimeFormatter
        .ofPattern("yyyy/MM/dd"))).resolve(uniqueId + ".wav").toString();
    org.asteriskjava.manager.action.MixMonitorAction m = new org.asteriskjava.manager.action.MixMonitorAction(
        channel, file, "b");
    ManagerResponse started = controller.sendAction(m, 10_000);
    if (started instanceof ManagerError) {
      throw new IllegalStateException("MixMonitor refused: " + started.getMessage());
    }
    return file;
  }

  /** Sets a global dialplan variable, e.g. an agent's ring time ({@code AGENT1_RING}, seconds). */
  void setGlobal(String variable, String value) throws Exception {
    ManagerResponse r = controller.sendAction(new org.asteriskjava.manager.action.SetVarAction(variable, value),
        10_000);
    if (r instanceof ManagerError) {
      throw new IllegalStateException("Setvar refused: " + r.getMessage());
    }
  }

  /** True while any channel of the call is up on the PBX. */
  boolean live(RealAsterisk asterisk, String callId) {
    String channel = callerChannels.get(callId);
    String prefix = channel == null ? callId : channel.substring(0, channel.lastIndexOf(';'));
    return asterisk.cli("core show channels concise").contains(prefix);
  }

  void pause(int agent, boolean paused, String reason) throws Exception {
    QueuePauseAction p = new QueuePauseAction("Local/agent" + agent + "@agents/n", QUEUE, paused);
    if (reason != null) {
      p.setReason(reason);
    }
    ManagerResponse r = controller.sendAction(p, 10_000);
    if (r instanceof ManagerError) {
      throw new IllegalStateException("QueuePause refused: " + r.getMessage());
    }
  }

  /** Only agent {@code n} takes calls: the other is paused. */
  void onlyAgent(int n) throws Exception {
    pause(n, false, null);
    pause(3 - n, true, "uji");
  }

  void pauseAll(String reason) throws Exception {
    pause(1, true, reason);
    pause(2, true, reason);
  }

  void unpauseAll() throws Exception {
    pause(1, false, null);
    pause(2, false, null);
  }
}
