package klip.pbx;

/**
 * The member side of a queued call as app_queue drives it: ringing a member, the member answering
 * (bridge), not answering, being cancelled, and the end of the talk. Field values follow the
 * captures: RingTime in ms for AgentRingNoAnswer, seconds for AgentConnect.
 */
final class AgentSteps {
  private final PbxState state;
  private final ChannelEvents ev;
  private final CallerSteps caller;

  AgentSteps(PbxState state, ChannelEvents ev, CallerSteps caller) {
    this.state = state;
    this.ev = ev;
    this.caller = caller;
  }

  QueuedCall.AgentLeg ring(QueuedCall call, QueueMemberState member) {
    PbxChannel c2 = call.c2;
    String iface = member.iface;
    boolean local = iface.startsWith("Local/");
    String device = local ? iface.substring(0, iface.length() - (iface.endsWith("/n") ? 2 : 0)) : iface;
    String context = local && device.contains("@") ? device.substring(device.indexOf('@') + 1) : "from-internal";
    String base = device + "-" + state.nextSequence();
    QueuedCall.AgentLeg leg;
    String exten = new QueuedCall.AgentLeg(member, c2, null).exten();
    PbxChannel a1 = state.create(local ? base + ";1" : base, call.linkedid(), 0, context, exten);
    PbxChannel a2 = local ? state.create(base + ";2", call.linkedid(), 4, context, exten) : null;
    leg = new QueuedCall.AgentLeg(member, a1, a2);
    call.agent = leg;
    call.queue.rememberRung(member);
    member.busy = true;
    String num = c2.callerIdNum;
    String name = c2.callerIdName;
    ev.newchannel(a1);
    if (a2 != null) {
      ev.newchannel(a2);
    }
    a1.callerId(num, name);
    ev.exten(a1, 1, "AppQueue", "(Outgoing Line)");
    ev.emit("NewCallerid", a1, "CID-CallingPres", "0 (Presentation Allowed, Not Screened)");
    String peer = iface.substring(iface.indexOf('/') + 1);
    ev.varSet(a1, "DIALEDPEERNUMBER", peer);
    if (a2 != null) {
      ev.varSet(a2, "DIALEDPEERNUMBER", peer);
      a2.connectedLine(num, name);
      ev.newCallerId(a2, num, name);
      ev.newConnectedLine(a2, num, name);
      ev.localBridge(a1, a2, false);
    }
    PbxChannel calledView = a1.copy();
    calledView.exten = c2.exten;
    calledView.connectedLine(num, name);
    ev.emitDest("AgentCalled", c2, calledView, "Queue", call.queue.name, "Interface", iface, "MemberName",
        member.memberName);
    ev.emitDest("DialBegin", c2, a1, "DialString", peer);
    if (a2 != null) {
      ev.exten(a2, 1, "NoOp", exten + " phone rings");
      ev.exten(a2, 2, "Ringing", "");
    }
    a1.exten = c2.exten;
    ev.newState(a1, 5);
    ev.exten(a1, 1, "AppQueue", "(Outgoing Line)");
    ev.newConnectedLine(a1, num, name);
    if (a2 != null) {
      ev.exten(a2, 3, "Wait", "3");
    }
    ev.emitDest("DialState", c2, a1, "DialStatus", "RINGING");
    member.status = member.ringingStatus();
    ev.emit(member.statusEvent("QueueMemberStatus"));
    ev.deviceState("Queue:" + call.queue.name + "_avail", call.queue.available() > 0 ? "NOT_INUSE" : "INUSE");
    ev.deviceState(member.stateInterface(), "INUSE");
    return leg;
  }

  /** Ring timeout: AgentRingNoAnswer (RingTime in ms), DialEnd NOANSWER then CANCEL, the leg goes. */
  void noAnswer(QueuedCall call, long ringMillis) {
    QueuedCall.AgentLeg leg = call.agent;
    if (leg.inner != null) {
      ev.exten(leg.inner, 4, "GotoIf", "1?noans");
      ev.exten(leg.inner, 9, "Wait", "60");
    }
    ev.emitDest("AgentRingNoAnswer", call.c2, leg.dialed, "Queue", call.queue.name, "Interface", leg.member.iface,
        "MemberName", leg.member.memberName, "RingTime", ringMillis);
    ev.emitDest("DialEnd", call.c2, leg.dialed, "DialStatus", "NOANSWER");
    ev.emitDest("DialEnd", call.c2, leg.dialed, "DialStatus", "CANCEL");
    dropRingingLeg(call, true);
  }

  /** The caller went away while this member was ringing: DialEnd CANCEL twice. */
  void cancelRing(QueuedCall call) {
    ev.emitDest("DialEnd", call.c2, call.agent.dialed, "DialStatus", "CANCEL");
    ev.emitDest("DialEnd", call.c2, call.agent.dialed, "DialStatus", "CANCEL");
    dropRingingLeg(call, false);
  }

  private void dropRingingLeg(QueuedCall call, boolean softRequest) {
    QueuedCall.AgentLeg leg = call.agent;
    if (leg.inner != null) {
      ev.hangupRequest("HangupRequest", leg.inner, 0);
      if (softRequest) {
        ev.hangupRequest("SoftHangupRequest", leg.inner, 16);
      }
      ev.hangup(leg.inner, 0);
      state.remove(leg.inner);
    }
    ev.hangup(leg.dialed, 0);
    state.remove(leg.dialed);
    memberFree(call, leg.member, false);
    call.agent = null;
  }

  void memberFree(QueuedCall call, QueueMemberState member, boolean tookCall) {
    member.busy = false;
    member.inCall = false;
    member.status = QueueMemberState.NOT_INUSE;
    if (tookCall) {
      member.callsTaken++;
      member.lastCall = System.currentTimeMillis() / 1000;
    }
    ev.emit(member.statusEvent("QueueMemberStatus"));
    ev.deviceState("Queue:" + call.queue.name + "_avail", "NOT_INUSE");
    ev.deviceState(member.stateInterface(), "NOT_INUSE");
  }

  /** The member answers: the caller leaves the queue and both are bridged. Returns the hold time in s. */
  long answer(QueuedCall call, long ringSeconds, String talkSeconds) {
    QueuedCall.AgentLeg leg = call.agent;
    PbxChannel a1 = leg.dialed;
    PbxChannel c2 = call.c2;
    QueueMemberState member = leg.member;
    if (leg.inner != null) {
      ev.exten(leg.inner, 4, "GotoIf", "0?noans");
      ev.exten(leg.inner, 5, "Answer", "");
      ev.newState(leg.inner, 6);
      ev.deviceState(member.stateInterface(), "INUSE");
    }
    ev.newState(a1, 6);
    ev.emitDest("DialEnd", c2, a1, "DialStatus", "ANSWER");
    ev.emit("MusicOnHoldStop", c2);
    PbxQueue q = call.queue;
    PbxQueue.Entry entry = q.entry(c2);
    long hold = entry == null ? 0 : entry.waitSeconds();
    for (PbxChannel ch : new PbxChannel[] {c2, a1}) {
      ev.varSet(ch, "MEMBERINTERFACE", member.iface);
      ev.varSet(ch, "MEMBERNAME", member.memberName);
      ev.varSet(ch, "MEMBERCALLS", member.callsTaken);
      ev.varSet(ch, "MEMBERLASTCALL", member.lastCall);
      for (String v : new String[] {"MEMBERPENALTY", "MEMBERDYNAMIC", "MEMBERREALTIME"}) {
        ev.varSet(ch, v, 0);
      }
    }
    int position = q.position(c2);
    for (PbxChannel ch : new PbxChannel[] {c2, a1}) {
      ev.varSet(ch, "QEHOLDTIME", hold);
      ev.varSet(ch, "QEORIGINALPOS", entry == null ? position : entry.originalPosition);
    }
    caller.queueVars(c2, q);
    caller.queueVars(a1, q);
    q.entries.remove(entry);
    q.holdTimeTotal += hold;
    ev.emit("QueueCallerLeave", c2, "Queue", q.name, "Position", position, "Count", q.entries.size());
    ev.varSet(c2, "QUEUEPOSITION", position);
    ev.varSet(c2, "QUEUEWAIT", hold);
    ev.varSet(c2, "QUEUEWAIT_MS", hold * 1000);
    ev.emitDest("AgentConnect", c2, a1, "Queue", q.name, "Interface", member.iface, "MemberName",
        member.memberName, "HoldTime", hold, "RingTime", ringSeconds);
    member.inCall = true;
    member.status = QueueMemberState.INUSE;
    leg.answered = true;
    call.answerMillis = System.currentTimeMillis();
    call.bridgeId = PbxState.newBridgeId();
    ev.bridge("BridgeCreate", call.bridgeId, null, 0);
    a1.bridgeId = call.bridgeId;
    ev.bridge("BridgeEnter", call.bridgeId, a1, 1);
    c2.bridgeId = call.bridgeId;
    ev.bridge("BridgeEnter", call.bridgeId, c2, 2);
    ev.varSet(a1, "BRIDGEPEER", c2.name);
    ev.varSet(c2, "BRIDGEPEER", a1.name);
    ev.deviceState(member.stateInterface(), "INUSE");
    if (leg.inner != null) {
      ev.exten(leg.inner, 6, "PlayTones", "1004/1000");
      ev.exten(leg.inner, 7, "Wait", talkSeconds);
    }
    return hold;
  }

  /** Redirect to the hold context: both leave the bridge (it goes), the caller hears music, the agent's leg waits. */
  void hold(QueuedCall call, String context) {
    PbxChannel a1 = call.agent.dialed;
    PbxChannel c2 = call.c2;
    ev.bridge("BridgeLeave", call.bridgeId, c2, 1);
    ev.bridge("BridgeLeave", call.bridgeId, a1, 0);
    c2.bridgeId = "";
    a1.bridgeId = "";
    ev.bridge("BridgeDestroy", call.bridgeId, null, 0);
    for (PbxChannel ch : new PbxChannel[] {c2, a1}) {
      ch.context = context;
      ch.exten = ch == c2 ? "caller" : "agent";
    }
    ev.exten(c2, 1, "MusicOnHold", "default");
    ev.emit("MusicOnHoldStart", c2, "Class", "default");
    ev.exten(a1, 1, "Wait", "3600");
    call.held = true;
  }

  /** The Bridge action: a new bridge with both, the caller's music stops. */
  void unhold(QueuedCall call) {
    PbxChannel a1 = call.agent.dialed;
    PbxChannel c2 = call.c2;
    ev.emit("MusicOnHoldStop", c2);
    call.bridgeId = PbxState.newBridgeId();
    ev.bridge("BridgeCreate", call.bridgeId, null, 0);
    c2.bridgeId = call.bridgeId;
    ev.bridge("BridgeEnter", call.bridgeId, c2, 1);
    a1.bridgeId = call.bridgeId;
    ev.bridge("BridgeEnter", call.bridgeId, a1, 2);
    call.held = false;
  }

  /** End of the conversation; {@code agentHangsUp} decides who goes first and the Reason. */
  void complete(QueuedCall call, long holdSeconds, boolean agentHangsUp) {
    QueuedCall.AgentLeg leg = call.agent;
    PbxChannel a1 = leg.dialed;
    PbxChannel c2 = call.c2;
    PbxQueue q = call.queue;
    long talk = (System.currentTimeMillis() - call.answerMillis + 500) / 1000;
    long talkNominal = Math.max(talk, call.scenario.talkDuration().toSeconds());
    if (agentHangsUp && leg.inner != null) {
      ev.exten(leg.inner, 8, "Hangup", "");
      ev.hangupRequest("SoftHangupRequest", leg.inner, 16);
      ev.hangupRequest("HangupRequest", a1, 16);
      ev.hangup(leg.inner, 16);
      ev.cdr(leg.inner, leg.exten(), "Hangup", "", leg.ringStartMillis, call.answerMillis, "");
      state.remove(leg.inner);
    } else if (!agentHangsUp) {
      caller.callerLegHangsUp(call);
    }
    ev.varSet(a1, "BRIDGEPEER", "");
    ev.varSet(c2, "BRIDGEPEER", "");
    q.completed++;
    q.talkTimeTotal += talkNominal;
    String reason = agentHangsUp ? "agent" : "caller";
    if (!leg.viaQueue) {
      // A leg the dialplan dialled (a transfer to the team leader): no queue statistics, no AgentComplete.
    } else if (call.scenario.bareAgentComplete()) {
      ev.emit(ChannelEvents.of("AgentComplete", null, null, "Queue", q.name, "Interface", leg.member.iface,
          "MemberName", leg.member.memberName, "HoldTime", holdSeconds, "TalkTime", talkNominal, "Reason", reason));
    } else {
      ev.emitDest("AgentComplete", c2, a1, "Queue", q.name, "Interface", leg.member.iface, "MemberName",
          leg.member.memberName, "HoldTime", holdSeconds, "TalkTime", talkNominal, "Reason", reason);
    }
    ev.bridge("BridgeLeave", call.bridgeId, a1, 1);
    ev.bridge("BridgeLeave", call.bridgeId, c2, 0);
    a1.bridgeId = "";
    c2.bridgeId = "";
    ev.deviceState(leg.member.stateInterface(), "NOT_INUSE");
    caller.queueVars(c2, q);
    ev.varSet(c2, "ANSWEREDTIME", talkNominal);
    ev.varSet(c2, "ANSWEREDTIME_MS", talkNominal * 1000);
    ev.varSet(c2, "DIALEDTIME", holdSeconds + talkNominal);
    ev.varSet(c2, "DIALEDTIME_MS", (holdSeconds + talkNominal) * 1000);
    caller.queueVars(c2, q);
    ev.hangupRequest("SoftHangupRequest", c2, 16);
    ev.bridge("BridgeDestroy", call.bridgeId, null, 0);
    if (leg.inner != null && state.alive(leg.inner)) {
      ev.hangup(leg.inner, 16);
      state.remove(leg.inner);
    }
    ev.hangup(a1, 16);
    state.remove(a1);
    if (leg.viaQueue) {
      memberFree(call, leg.member, true);
    }
    if (agentHangsUp) {
      ev.hangupRequest("HangupRequest", call.c1, 16);
      ev.hangupRequest("SoftHangupRequest", call.c1, 16);
      ev.hangup(call.c1, 16);
      ev.cdr(call.c1, call.c1.exten, "Wait", call.c1.applicationData, call.startMillis, call.startMillis, "");
      state.remove(call.c1);
    }
    caller.finishCallerLeg(call, a1.name);
  }
}
