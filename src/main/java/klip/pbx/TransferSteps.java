package klip.pbx;

/**
 * A blind transfer of a talking queue call as Asterisk 22 reports it for AMI BlindTransfer of the agent's channel
 * (captured against a real Asterisk 22.10 with the project's dialplan): the transferer's Unhold, BlindTransfer,
 * the caller's leg continuing in the transfer context, the old bridge going (AgentComplete with Reason "transfer"
 * between the two BridgeLeaves), the agent's leg hanging up; then either the caller back in the queue
 * (QueueCallerJoin and the usual ring) or the team leader's phone dialled by the dialplan (DialBegin, DialEnd
 * ANSWER and a new bridge, no queue events).
 */
final class TransferSteps {
  /** The dialplan context of transfers (asterisk-config/extensions.conf). */
  static final String CONTEXT = "klip-transfer";
  /** The variable the call handler sets on the caller's channel: the team leader's phone interface. */
  static final String TARGET_VARIABLE = "KLIP_TRANSFER_TO";

  private final PbxState state;
  private final ChannelEvents ev;
  private final AgentSteps agents;

  TransferSteps(PbxState state, ChannelEvents ev, AgentSteps agents) {
    this.state = state;
    this.ev = ev;
    this.agents = agents;
  }

  /** The transferer leaves: the caller's leg goes on at {@code context}/{@code exten}, the agent's leg hangs up. */
  void transferOut(QueuedCall call, String context, String exten) {
    QueuedCall.AgentLeg leg = call.agent;
    PbxChannel a1 = leg.dialed;
    PbxChannel c2 = call.c2;
    ev.emit("Unhold", a1);
    AmiMessage transfer = AmiMessage.event("BlindTransfer", "call,all").add("Result", "Success");
    a1.appendHeader(transfer, "Transferer");
    transfer.add("BridgeUniqueid", call.bridgeId).add("BridgeType", "basic").add("BridgeTechnology", "simple_bridge")
        .add("BridgeCreator", "<unknown>").add("BridgeName", "<unknown>").add("BridgeNumChannels", 2)
        .add("BridgeVideoSourceMode", "none");
    c2.appendHeader(transfer, "Transferee");
    ev.emit(transfer.add("IsExternal", "Yes").add("Context", context).add("Extension", exten));
    c2.context = context;
    c2.exten = exten;
    boolean toQueue = "queue".equals(exten);
    ev.exten(c2, 1, toQueue ? "Queue" : "Dial", toQueue ? call.queue.name + ",,,,120"
        : c2.variables.getOrDefault(TARGET_VARIABLE, "") + ",30");
    ev.bridge("BridgeLeave", call.bridgeId, c2, 1);
    if (leg.viaQueue) {
      ev.emitDest("AgentComplete", c2, a1, "Queue", call.queue.name, "Interface", leg.member.iface, "MemberName",
          leg.member.memberName, "HoldTime", call.holdSeconds,
          "TalkTime", (System.currentTimeMillis() - call.answerMillis) / 1000, "Reason", "transfer");
    }
    ev.bridge("BridgeLeave", call.bridgeId, a1, 0);
    ev.bridge("BridgeDestroy", call.bridgeId, null, 0);
    c2.bridgeId = "";
    a1.bridgeId = "";
    ev.hangup(a1, 16);
    state.remove(a1);
    if (leg.inner != null && state.alive(leg.inner)) {
      ev.hangupRequest("SoftHangupRequest", leg.inner, 16);
      ev.hangup(leg.inner, 16);
      state.remove(leg.inner);
    }
    if (leg.viaQueue) {
      agents.memberFree(call, leg.member, true);
    }
    call.agent = null;
    call.bridgeId = null;
    call.held = false;
  }

  /** Queue() again from the transfer context: the caller waits for the next free member. */
  void rejoinQueue(QueuedCall call) {
    PbxQueue q = call.queue;
    q.entries.add(new PbxQueue.Entry(call.c2, q.entries.size() + 1));
    ev.emit("QueueCallerJoin", call.c2, "Queue", q.name, "Position", q.entries.size(), "Count", q.entries.size());
  }

  /** Dial(${KLIP_TRANSFER_TO}) from the transfer context: the team leader's phone rings. */
  QueuedCall.AgentLeg dialLeader(QueuedCall call, String iface) {
    PbxChannel c2 = call.c2;
    boolean local = iface.startsWith("Local/");
    String device = local && iface.endsWith("/n") ? iface.substring(0, iface.length() - 2) : iface;
    String base = device + "-" + state.nextSequence();
    PbxChannel a1 = state.create(local ? base + ";1" : base, call.linkedid(), 0, CONTEXT, "leader");
    PbxChannel a2 = local ? state.create(base + ";2", call.linkedid(), 4, CONTEXT, "leader") : null;
    QueuedCall.AgentLeg leg = new QueuedCall.AgentLeg(new QueueMemberState(call.queue.name, iface, iface), a1, a2);
    leg.viaQueue = false;
    call.agent = leg;
    ev.newchannel(a1);
    if (a2 != null) {
      ev.newchannel(a2);
    }
    a1.callerId(c2.callerIdNum, c2.callerIdName);
    a1.connectedLine(c2.callerIdNum, c2.callerIdName);
    ev.exten(a1, 1, "AppDial", "(Outgoing Line)");
    ev.emitDest("DialBegin", c2, a1, "DialString", iface.substring(iface.indexOf('/') + 1));
    ev.newState(a1, 5);
    ev.emitDest("DialState", c2, a1, "DialStatus", "RINGING");
    return leg;
  }

  /** The team leader picks up: DialEnd ANSWER and a new bridge with the caller. */
  void leaderAnswers(QueuedCall call) {
    QueuedCall.AgentLeg leg = call.agent;
    PbxChannel a1 = leg.dialed;
    if (leg.inner != null) {
      ev.newState(leg.inner, 6);
    }
    ev.newState(a1, 6);
    ev.emitDest("DialEnd", call.c2, a1, "DialStatus", "ANSWER");
    leg.answered = true;
    call.answerMillis = System.currentTimeMillis();
    call.bridgeId = PbxState.newBridgeId();
    ev.bridge("BridgeCreate", call.bridgeId, null, 0);
    a1.bridgeId = call.bridgeId;
    ev.bridge("BridgeEnter", call.bridgeId, a1, 1);
    call.c2.bridgeId = call.bridgeId;
    ev.bridge("BridgeEnter", call.bridgeId, call.c2, 2);
  }
}
