package klip.pbx;

/**
 * The caller side of a queued call, event for event as Asterisk 22 produced it in the captures:
 * the Local/1500200@from-pstn pair entering the dialplan, MixMonitor, Queue(), and the ways it ends.
 */
final class CallerSteps {
  static final String ENTRY_EXTEN = "1500200";
  static final String ENTRY_CONTEXT = "from-pstn";
  private static final String CALLER_DEVICE = "Local/" + ENTRY_EXTEN + "@" + ENTRY_CONTEXT;

  private final PbxState state;
  private final ChannelEvents ev;

  CallerSteps(PbxState state, ChannelEvents ev) {
    this.state = state;
    this.ev = ev;
  }

  /** Creates the caller's channels, runs the entry dialplan and joins the queue. */
  QueuedCall enter(CallScenario sc, java.util.function.Function<String, String> recordingPath) {
    String seq = state.nextSequence();
    String base = CALLER_DEVICE + "-" + seq;
    PbxChannel c1 = state.create(base + ";1", null, 0, ENTRY_CONTEXT, ENTRY_EXTEN);
    PbxChannel c2 = state.create(base + ";2", c1.linkedid, 4, ENTRY_CONTEXT, ENTRY_EXTEN);
    QueuedCall call = new QueuedCall(sc, state.queue(sc.queue()), c1, c2, recordingPath.apply(c2.uniqueid));
    String num = sc.callerNumber();
    String name = sc.callerName();
    long wait = Math.max(45, sc.waitBeforeFirstRing().toSeconds() + 45);
    ev.newchannel(c1);
    ev.newchannel(c2);
    ev.exten(c1, 1, "AppDial2", "(Outgoing Line)");
    ev.varSet(c1, "INCOMING_CNAM", name);
    ev.varSet(c1, "CALLER_WAIT", wait);
    ev.varSet(c1, "INCOMING_CID", num);
    ev.newCallerId(c1, num, name);
    ev.newConnectedLine(c1, num, name);
    ev.varSet(c2, "INCOMING_CID", num);
    ev.varSet(c2, "CALLER_WAIT", wait);
    ev.varSet(c2, "INCOMING_CNAM", name);
    c2.connectedLine(num, name);
    ev.newCallerId(c2, num, name);
    ev.newConnectedLine(c2, num, name);
    ev.localBridge(c1, c2, true);
    ev.emitDest("DialBegin", null, c1, "DialString", ENTRY_EXTEN + "@" + ENTRY_CONTEXT);
    ev.exten(c2, 1, "NoOp", "Taxpayer call, presented CLID \"" + name + "\" <" + num + "> INCOMING_CID=" + num);
    ev.exten(c2, 2, "ExecIf", "1?Set(CALLERID(num)=" + num + ")");
    ev.exten(c2, 3, "ExecIf", "1?Set(CALLERID(name)=" + name + ")");
    ev.exten(c2, 4, "Answer", "");
    ev.newState(c2, 6);
    ev.newState(c1, 6);
    ev.emitDest("DialEnd", null, c1, "DialStatus", "ANSWER");
    c1.context = "caller-sim";
    c1.exten = "talk";
    ev.exten(c1, 1, "Answer", "");
    ev.exten(c1, 2, "PlayTones", "!350/300,!0/200,!500/300,!0/200,440/400,0/600");
    ev.deviceState(CALLER_DEVICE, "INUSE");
    ev.emit(AmiMessage.event("OriginateResponse", "call,all").add("ActionID", "originate-" + c1.linkedid)
        .add("Response", "Success").add("Channel", c1.name).add("Context", c1.context).add("Exten", c1.exten)
        .add("Reason", 4).add("Uniqueid", c1.uniqueid).add("CallerIDNum", num).add("CallerIDName", name));
    ev.exten(c1, 3, "Wait", String.valueOf(wait));
    ev.deviceState(CALLER_DEVICE, "INUSE");
    ev.exten(c2, 5, "MixMonitor", call.recordingPath + ",b");
    ev.varSet(c2, "MIXMONITOR_FILENAME", call.recordingPath);
    ev.emit("MixMonitorStart", c2);
    ev.exten(c2, 6, "Queue", sc.queue() + ",,,,120");
    for (String v : new String[] {"ANSWEREDTIME", "ANSWEREDTIME_MS", "DIALEDTIME", "DIALEDTIME_MS", "QUEUEWAIT",
        "QUEUEWAIT_MS"}) {
      ev.varSet(c2, v, "");
    }
    PbxQueue q = call.queue;
    if (q.entries.isEmpty()) {
      ev.deviceState("Queue:" + q.name, "RINGING");
    }
    q.entries.add(new PbxQueue.Entry(c2, q.entries.size() + 1));
    ev.emit("QueueCallerJoin", c2, "Queue", q.name, "Position", q.entries.size(), "Count", q.entries.size());
    ev.emit("MusicOnHoldStart", c2, "Class", "default");
    return call;
  }

  /** The ten queue statistics variables app_queue sets on a channel. */
  void queueVars(PbxChannel ch, PbxQueue q) {
    ev.varSet(ch, "QUEUENAME", q.name);
    ev.varSet(ch, "QUEUEMAX", 0);
    ev.varSet(ch, "QUEUESTRATEGY", "rrmemory");
    ev.varSet(ch, "QUEUECALLS", q.entries.size());
    ev.varSet(ch, "QUEUEHOLDTIME", q.avgHoldTime());
    ev.varSet(ch, "QUEUETALKTIME", q.avgTalkTime());
    ev.varSet(ch, "QUEUECOMPLETED", q.completed);
    ev.varSet(ch, "QUEUEABANDONED", q.abandoned);
    ev.varSet(ch, "QUEUESRVLEVEL", 0);
    ev.varSet(ch, "QUEUESRVLEVELPERF", "0.0");
  }

  /** The caller's ;1 leg hangs up (end of its Wait, or a hang-up request). */
  void callerLegHangsUp(QueuedCall call) {
    ev.exten(call.c1, 4, "Hangup", "");
    ev.hangupRequest("SoftHangupRequest", call.c1, 16);
    ev.hangupRequest("HangupRequest", call.c2, 16);
    ev.hangup(call.c1, 16);
    ev.cdr(call.c1, call.c1.exten, "Hangup", "", call.startMillis, call.startMillis, "");
    state.remove(call.c1);
  }

  /** Caller hung up while waiting (before or during a ring): QueueCallerAbandon then QueueCallerLeave. */
  void abandon(QueuedCall call, AgentSteps agents) {
    callerLegHangsUp(call);
    ev.emit("MusicOnHoldStop", call.c2);
    if (call.agent != null) {
      agents.cancelRing(call);
    }
    PbxQueue q = call.queue;
    PbxQueue.Entry entry = q.entry(call.c2);
    long waited = entry == null ? 0 : entry.waitSeconds();
    long waitedMs = entry == null ? 0 : System.currentTimeMillis() - entry.joinedMillis;
    ev.varSet(call.c2, "QUEUEWAIT", waited);
    ev.varSet(call.c2, "QUEUEWAIT_MS", waitedMs);
    ev.varSet(call.c2, "DIALEDTIME", waited);
    ev.varSet(call.c2, "DIALEDTIME_MS", waitedMs);
    ev.varSet(call.c2, "ANSWEREDTIME", 0);
    ev.varSet(call.c2, "ANSWEREDTIME_MS", 0);
    ev.varSet(call.c2, "ABANDONED", "TRUE");
    queueVars(call.c2, q);
    int position = q.position(call.c2);
    q.abandoned++;
    q.holdTimeTotal += waited;
    ev.emit("QueueCallerAbandon", call.c2, "Queue", q.name, "Position", position, "OriginalPosition",
        entry == null ? position : entry.originalPosition, "HoldTime", waited);
    queueVars(call.c2, q);
    q.entries.remove(entry);
    ev.emit("QueueCallerLeave", call.c2, "Queue", q.name, "Position", position, "Count", q.entries.size());
    ev.varSet(call.c2, "QUEUEPOSITION", position);
    ev.hangupRequest("SoftHangupRequest", call.c2, 16);
    finishCallerLeg(call, "");
  }

  /** Last act of every call: the queued ;2 leg goes, with its CDR and device states. */
  void finishCallerLeg(QueuedCall call, String peer) {
    ev.cdr(call.c2, ENTRY_EXTEN, "Queue", call.queue.name + ",,,,120", call.startMillis, call.startMillis, peer);
    ev.deviceState(CALLER_DEVICE, "NOT_INUSE");
    ev.hangup(call.c2, 16);
    state.remove(call.c2);
    ev.deviceState(CALLER_DEVICE, "NOT_INUSE");
    if (call.queue.entries.isEmpty()) {
      ev.deviceState("Queue:" + call.queue.name, "NOT_INUSE");
    }
    call.ended = true;
  }
}
