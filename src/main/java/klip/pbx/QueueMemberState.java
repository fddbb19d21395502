package klip.pbx;

/** A static queue member as app_queue tracks it; rendered into QueueMember / QueueMemberStatus events. */
public final class QueueMemberState {
  /** Asterisk device states used in the Status field. */
  static final int NOT_INUSE = 1;
  static final int INUSE = 2;
  static final int RINGING = 6;

  final String queue;
  final String iface;
  final String memberName;
  final long loginTime = System.currentTimeMillis() / 1000;
  int status = NOT_INUSE;
  boolean paused;
  String pausedReason = "";
  int callsTaken;
  long lastCall;
  long lastPause;
  boolean inCall;
  /** Set while a call rings at or talks with this member, so rrmemory never picks it twice. */
  boolean busy;

  QueueMemberState(String queue, String iface, String memberName) {
    this.queue = queue;
    this.iface = iface;
    this.memberName = memberName;
  }

  public String iface() {
    return iface;
  }

  public String memberName() {
    return memberName;
  }

  public boolean paused() {
    return paused;
  }

  public int status() {
    return status;
  }

  public boolean available() {
    return !paused && !busy;
  }

  /** Local/agent1@agents/n is tracked by the state of Local/agent1@agents. */
  String stateInterface() {
    return iface.endsWith("/n") ? iface.substring(0, iface.length() - 2) : iface;
  }

  /** Asterisk reports a ringing Local member as in use (its Local device is), a real phone as ringing. */
  int ringingStatus() {
    return iface.startsWith("Local/") ? INUSE : RINGING;
  }

  AmiMessage statusEvent(String event) {
    return AmiMessage.event(event, "agent,all").add("Queue", queue).add("MemberName", memberName)
        .add("Interface", iface).add("StateInterface", stateInterface()).add("Membership", "static")
        .add("Penalty", 0).add("CallsTaken", callsTaken).add("LastCall", lastCall).add("LastPause", lastPause)
        .add("LoginTime", loginTime).add("InCall", inCall ? 1 : 0).add("Status", status).add("Paused", paused ? 1 : 0)
        .add("PausedReason", pausedReason).add("Ringinuse", 0).add("Wrapuptime", 0);
  }

  /** The QueueStatus list item: same data, the older field names. */
  AmiMessage listItem(String actionId) {
    return AmiMessage.event("QueueMember", null).add("Queue", queue).add("Name", memberName).add("Location", iface)
        .add("StateInterface", stateInterface()).add("Membership", "static").add("Penalty", 0)
        .add("CallsTaken", callsTaken).add("LastCall", lastCall).add("LastPause", lastPause)
        .add("LoginTime", loginTime).add("InCall", inCall ? 1 : 0).add("Status", status)
        .add("Paused", paused ? 1 : 0).add("PausedReason", pausedReason).add("Wrapuptime", 0)
        .add("ActionID", actionId);
  }
}
