package klip.supervision;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import klip.facts.GroupCommit;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The board's row of each call (board_calls, which the day's counters are read from), written through the group
 * commit. Facts of a call that arrive while an earlier write of that call still waits to start join that write:
 * the upsert only ever fills fields in (the agent's interface takes the latest), so one write of the merged facts
 * leaves the row exactly as the writes one by one would. Under a burst, a call's queued, ringing, answered and
 * ended facts become one or two statements instead of four; every fact is still written, in the call's order, and
 * retried until it is (by the caller's {@link klip.facts.FactQueue}, which runs what {@link #add} returns).
 *
 * <p>Confined to the supervision verticle's event loop.
 */
final class BoardRows {

  /** What one fact, or several merged, say about a call's row; null = nothing known. Times in epoch millis. */
  record Row(String queue, String callerNumber, Long queuedAt, Long rangAt, Long answeredAt, Long endedAt,
             String agentInterface) {

    /** This row, then {@code later}: as the upsert of this one followed by the upsert of that one would leave it. */
    Row then(Row later) {
      return new Row(first(queue, later.queue), first(callerNumber, later.callerNumber),
          first(queuedAt, later.queuedAt), first(rangAt, later.rangAt), first(answeredAt, later.answeredAt),
          first(endedAt, later.endedAt), first(later.agentInterface, agentInterface));
    }

    private static <T> T first(T a, T b) {
      return a != null ? a : b;
    }
  }

  private final GroupCommit writes;
  /** Rows whose write is submitted but not started yet: later facts of the call merge into them. */
  private final Map<String, Row> waiting = new HashMap<>();

  BoardRows(GroupCommit writes) {
    this.writes = writes;
  }

  /**
   * Adds what a fact says about the call's row. Returns the write to run after the call's earlier facts, or null
   * when a write of this call that has not started yet takes these fields too.
   */
  Supplier<Future<?>> add(String callId, Row row) {
    Row before = waiting.get(callId);
    if (before != null) {
      waiting.put(callId, before.then(row));
      return null;
    }
    waiting.put(callId, row);
    return new Supplier<>() {
      /** Taken at the first attempt; a retry writes the same fields again. */
      private Row taken;

      @Override
      public Future<?> get() {
        if (taken == null) {
          taken = waiting.remove(callId);
        }
        return upsert(callId, taken);
      }
    };
  }

  private Future<?> upsert(String callId, Row row) {
    return writes.execute(SupervisionQueries.UPSERT_CALL, Tuple.of(callId, row.queue(), row.callerNumber(),
        at(row.queuedAt()), at(row.rangAt()), at(row.answeredAt()), at(row.endedAt()), row.agentInterface()));
  }

  private static OffsetDateTime at(Long millis) {
    return millis == null ? null : CallJoiner.time(millis);
  }
}
