package klip.pbx;

/**
 * Live state of one simulated channel. Every channel event renders its header from here,
 * so events and CoreShowChannels always agree with each other.
 */
public final class PbxChannel {
  public static final String UNKNOWN = "<unknown>";

  final String name;
  final String uniqueid;
  final String linkedid;
  final long createdMillis;
  int state;
  String callerIdNum = UNKNOWN;
  String callerIdName = UNKNOWN;
  String connectedNum = UNKNOWN;
  String connectedName = UNKNOWN;
  String context;
  String exten;
  int priority = 1;
  String application = "";
  String applicationData = "";
  String bridgeId = "";
  /** Channel variables set over AMI (Setvar): the transfer context reads the team leader's phone from one. */
  final java.util.Map<String, String> variables = new java.util.HashMap<>();

  PbxChannel(String name, String uniqueid, String linkedid, int state, String context, String exten) {
    this.name = name;
    this.uniqueid = uniqueid;
    this.linkedid = linkedid;
    this.state = state;
    this.context = context;
    this.exten = exten;
    this.createdMillis = System.currentTimeMillis();
  }

  public String name() {
    return name;
  }

  public String uniqueid() {
    return uniqueid;
  }

  public String linkedid() {
    return linkedid;
  }

  public String stateDesc() {
    return stateDesc(state);
  }

  static String stateDesc(int state) {
    switch (state) {
      case 0: return "Down";
      case 4: return "Ring";
      case 5: return "Ringing";
      case 6: return "Up";
      default: return "Unknown";
    }
  }

  void callerId(String num, String name) {
    callerIdNum = num;
    callerIdName = name;
  }

  void connectedLine(String num, String name) {
    connectedNum = num;
    connectedName = name;
  }

  /** Appends the standard channel block Asterisk puts in channel events, with a key prefix (e.g. "Dest"). */
  AmiMessage appendHeader(AmiMessage m, String prefix) {
    return m.add(prefix + "Channel", name)
        .add(prefix + "ChannelState", state)
        .add(prefix + "ChannelStateDesc", stateDesc())
        .add(prefix + "CallerIDNum", callerIdNum)
        .add(prefix + "CallerIDName", callerIdName)
        .add(prefix + "ConnectedLineNum", connectedNum)
        .add(prefix + "ConnectedLineName", connectedName)
        .add(prefix + "Language", "en")
        .add(prefix + "AccountCode", "")
        .add(prefix + "Context", context)
        .add(prefix + "Exten", exten)
        .add(prefix + "Priority", priority)
        .add(prefix + "Uniqueid", uniqueid)
        .add(prefix + "Linkedid", linkedid);
  }

  /** A snapshot copy, used where Asterisk reports a peer with slightly different values than its own events. */
  PbxChannel copy() {
    PbxChannel c = new PbxChannel(name, uniqueid, linkedid, state, context, exten);
    c.callerId(callerIdNum, callerIdName);
    c.connectedLine(connectedNum, connectedName);
    c.priority = priority;
    return c;
  }
}
