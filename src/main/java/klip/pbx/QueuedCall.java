package klip.pbx;

/** State of one taxpayer call: the caller's Local pair, its queue entry, the agent leg ringing or talking. */
final class QueuedCall {
  final CallScenario scenario;
  final PbxQueue queue;
  final PbxChannel c1;
  final PbxChannel c2;
  final String recordingPath;
  final long startMillis = System.currentTimeMillis();
  AgentLeg agent;
  String bridgeId;
  long answerMillis;
  long holdSeconds;
  /** The MixMonitor file write, so a played call only counts as finished once its recording is on disk. */
  io.vertx.core.Future<Void> recording = io.vertx.core.Future.succeededFuture();
  boolean ended;
  /** Taken out of its bridge by a hold (Redirect); the Bridge action puts it back. */
  boolean held;

  QueuedCall(CallScenario scenario, PbxQueue queue, PbxChannel c1, PbxChannel c2, String recordingPath) {
    this.scenario = scenario;
    this.queue = queue;
    this.c1 = c1;
    this.c2 = c2;
    this.recordingPath = recordingPath;
  }

  String linkedid() {
    return c1.linkedid;
  }

  boolean owns(String channelName) {
    return c1.name.equals(channelName) || c2.name.equals(channelName)
        || (agent != null && agent.owns(channelName));
  }

  /** One ring (and possibly the talk) at one member: the dialed leg and, for Local members, its ;2 half. */
  static final class AgentLeg {
    final QueueMemberState member;
    final PbxChannel dialed;
    final PbxChannel inner;
    final long ringStartMillis = System.currentTimeMillis();
    boolean answered;
    /** False for a leg the dialplan dialled itself (a transfer to the team leader): app_queue knows nothing of it. */
    boolean viaQueue = true;

    AgentLeg(QueueMemberState member, PbxChannel dialed, PbxChannel inner) {
      this.member = member;
      this.dialed = dialed;
      this.inner = inner;
    }

    boolean owns(String channelName) {
      return dialed.name.equals(channelName) || (inner != null && inner.name.equals(channelName));
    }

    /** Extension the agent leg runs, e.g. agent1 for Local/agent1@agents/n. */
    String exten() {
      String s = member.iface.substring(member.iface.indexOf('/') + 1);
      int at = s.indexOf('@');
      return at > 0 ? s.substring(0, at) : s;
    }
  }
}
