package klip.pbx;

import java.util.Set;

/**
 * Builds and emits the channel-related events in the exact field order Asterisk 22 uses,
 * updating the channel state first so that each event shows the state it announces.
 */
final class ChannelEvents {
  private static final Set<String> AGENT_EVENTS = Set.of("AgentCalled", "AgentConnect", "AgentComplete",
      "AgentRingNoAnswer", "QueueCallerJoin", "QueueCallerLeave", "QueueCallerAbandon", "QueueMemberStatus",
      "QueueMemberPause");
  private static final String CID_PRES = "0 (Presentation Allowed, Not Screened)";

  private final EventSink sink;

  ChannelEvents(EventSink sink) {
    this.sink = sink;
  }

  static String privilegeOf(String event) {
    if (AGENT_EVENTS.contains(event)) {
      return "agent,all";
    }
    if (event.startsWith("DTMF")) {
      return "dtmf,all";
    }
    if (event.equals("Newexten") || event.equals("VarSet")) {
      return "dialplan,all";
    }
    return event.equals("Cdr") ? "cdr,all" : "call,all";
  }

  static AmiMessage of(String event, PbxChannel ch) {
    AmiMessage m = AmiMessage.event(event, privilegeOf(event));
    return ch == null ? m : ch.appendHeader(m, "");
  }

  /** Channel event with optional peer ("Dest" block) and extra key/value pairs. */
  static AmiMessage of(String event, PbxChannel ch, PbxChannel dest, Object... extra) {
    AmiMessage m = of(event, ch);
    if (dest != null) {
      dest.appendHeader(m, "Dest");
    }
    for (int i = 0; i + 1 < extra.length; i += 2) {
      m.add(String.valueOf(extra[i]), extra[i + 1]);
    }
    return m;
  }

  void emit(AmiMessage m) {
    sink.emit(m);
  }

  void emit(String event, PbxChannel ch, Object... extra) {
    sink.emit(of(event, ch, null, extra));
  }

  void emitDest(String event, PbxChannel ch, PbxChannel dest, Object... extra) {
    sink.emit(of(event, ch, dest, extra));
  }

  void newchannel(PbxChannel ch) {
    emit("Newchannel", ch);
  }

  void exten(PbxChannel ch, int priority, String app, String data) {
    ch.priority = priority;
    ch.application = app;
    ch.applicationData = data;
    emit("Newexten", ch, "Extension", ch.exten, "Application", app, "AppData", data);
  }

  void varSet(PbxChannel ch, String variable, Object value) {
    emit("VarSet", ch, "Variable", variable, "Value", value);
  }

  void newCallerId(PbxChannel ch, String num, String name) {
    ch.callerId(num, name);
    emit("NewCallerid", ch, "CID-CallingPres", CID_PRES);
  }

  void newConnectedLine(PbxChannel ch, String num, String name) {
    ch.connectedLine(num, name);
    emit("NewConnectedLine", ch);
  }

  void newState(PbxChannel ch, int state) {
    ch.state = state;
    emit("Newstate", ch);
  }

  void deviceState(String device, String state) {
    sink.emit(AmiMessage.event("DeviceStateChange", "call,all").add("Device", device).add("State", state));
  }

  void localBridge(PbxChannel one, PbxChannel two, boolean optimize) {
    AmiMessage m = AmiMessage.event("LocalBridge", "call,all");
    one.appendHeader(m, "LocalOne");
    two.appendHeader(m, "LocalTwo");
    sink.emit(m.add("Context", one.context).add("Exten", one.exten).add("LocalOptimization", optimize ? "Yes" : "No"));
  }

  void hangupRequest(String event, PbxChannel ch, int cause) {
    emit(event, ch, "Cause", cause);
  }

  void hangup(PbxChannel ch, int cause) {
    emit("Hangup", ch, "Cause", cause, "Cause-txt", cause == 16 ? "Normal Clearing" : "Unknown");
  }

  void bridge(String event, String bridgeId, PbxChannel ch, int numChannels) {
    AmiMessage m = ch == null ? AmiMessage.event(event, "call,all") : of(event, ch);
    sink.emit(m.add("BridgeUniqueid", bridgeId).add("BridgeType", "basic").add("BridgeTechnology", "simple_bridge")
        .add("BridgeCreator", PbxChannel.UNKNOWN).add("BridgeName", PbxChannel.UNKNOWN)
        .add("BridgeNumChannels", numChannels).add("BridgeVideoSourceMode", "none"));
  }

  void cdr(PbxChannel ch, String destination, String lastApp, String lastData, long startMillis, long answerMillis,
      String destChannel) {
    long end = System.currentTimeMillis();
    long duration = (end - startMillis) / 1000;
    long billable = answerMillis > 0 ? (end - answerMillis) / 1000 : 0;
    sink.emit(AmiMessage.event("Cdr", "cdr,all").add("AccountCode", "").add("Source", ch.callerIdNum)
        .add("Destination", destination).add("DestinationContext", ch.context)
        .add("CallerID", "\"" + ch.callerIdName + "\" <" + ch.callerIdNum + ">").add("Channel", ch.name)
        .add("DestinationChannel", destChannel).add("LastApplication", lastApp).add("LastData", lastData)
        .add("StartTime", CdrTime.format(startMillis)).add("AnswerTime", answerMillis > 0 ? CdrTime.format(answerMillis) : "")
        .add("EndTime", CdrTime.format(end)).add("Duration", duration).add("BillableSeconds", billable)
        .add("Disposition", answerMillis > 0 ? "ANSWERED" : "NO ANSWER").add("AMAFlags", "DOCUMENTATION")
        .add("UniqueID", ch.uniqueid).add("UserField", ""));
  }
}
