package klip.supervision;

import io.vertx.core.Future;

/**
 * One team leader's monitoring session on one call: their phone rung with ChanSpy, running once ChanSpyStart
 * names the spyer channel. The mode changes in place while it runs; there is never a second session.
 */
final class Join {
  final long id;
  final String callId;
  final String teamLeader;
  final String tlInterface;
  SpyMode mode;
  String spyerChannel;
  Long startedAt;
  /** A mode switch or a stop is on its way to Asterisk: the next one waits for its answer. */
  boolean busy;
  /**
   * The start's rows (the join started, "supervisor_joined" on the ticket) are written once ChanSpyStart is heard,
   * while the board already shows the spy: a switch or an end the leader asks for meanwhile is written after them,
   * so the ticket's timeline keeps the order things happened in.
   */
  Future<Void> startWritten = Future.succeededFuture();
  /** The team leader pressed Berhenti: the spy's end is theirs, not the call's. */
  boolean stopRequested;

  Join(long id, String callId, String teamLeader, String tlInterface, SpyMode mode) {
    this.id = id;
    this.callId = callId;
    this.teamLeader = teamLeader;
    this.tlInterface = tlInterface;
    this.mode = mode;
  }

  boolean running() {
    return startedAt != null && spyerChannel != null;
  }
}
