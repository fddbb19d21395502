package klip.supervision;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.facts.Backlog;
import klip.facts.FactQueue;
import klip.facts.GroupCommit;
import klip.facts.WriteFence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;
import java.util.function.Supplier;

/**
 * The board's rows of each call in PostgreSQL, from which the day's counters are read: written in the call's order,
 * retried while the database is away, a burst's facts of one call merged into one write and a burst of calls sharing
 * commits, each commit fenced by the AMI lease (only the node owning AMI writes them). Confined to the supervision
 * verticle's event loop.
 */
final class BoardCallRows {

  private static final Logger log = LoggerFactory.getLogger(BoardCallRows.class);

  private final Pool pool;
  private final FactQueue facts;
  private final GroupCommit writes;
  private final BoardRows rows;
  /** Run after each write: the counters are stale, the board is pushed again. */
  private final Runnable written;

  BoardCallRows(Vertx vertx, Pool pool, Backlog backlog, WriteFence fence, Runnable written) {
    this.pool = pool;
    this.written = written;
    this.facts = new FactQueue(vertx, backlog);
    this.writes = new GroupCommit(pool, 1, fence);
    this.rows = new BoardRows(writes);
  }

  /** Records what the fact says about the call, for the day's counters ({@code endedAt}: null until it ended). */
  void persist(BoardCall call, JsonObject fact, Long endedAt) {
    Supplier<Future<?>> write = rows.add(fact.getString("callId"), new BoardRows.Row(fact.getString("queue"),
        fact.getString("callerNumber"), fact.getLong("queuedAt"), call == null ? null : call.ringingSince,
        fact.getLong("answeredAt"), endedAt, call == null ? null : call.agentInterface));
    if (write != null) {
      durably(fact.getString("callId"), write);
    }
  }

  /** A call fact's work: in the call's order, retried until written; the counters are re-read afterwards. */
  void durably(String callId, Supplier<Future<?>> work) {
    facts.submit(callId, () -> work.get().onSuccess(v -> written.run()));
  }

  /**
   * Calls that ended while nobody listened (the server or the AMI connection was down) get their end on the board's
   * projection too, so the day's counters count them as finished; a call whose facts still wait is left to them.
   */
  void reconcile(JsonObject request) {
    String[] live = request.getJsonArray("liveCallIds", new JsonArray()).stream().map(String::valueOf)
        .toArray(String[]::new);
    JsonObject knownEnds = request.getJsonObject("knownEnds", new JsonObject());
    pool.preparedQuery(SupervisionQueries.OPEN_NOT_LIVE).execute(Tuple.of(live, at(request.getLong("at"))))
        .onSuccess(open -> open.forEach(r -> {
          String callId = r.getString("call_id");
          if (!facts.hasPending(callId)) {
            durably(callId, () -> writes.execute(SupervisionQueries.RECONCILED_END,
                Tuple.of(callId, at(knownEnds.getLong(callId)))));
          }
        }))
        .onFailure(err -> log.error("Board reconciliation with Asterisk's live calls failed", err));
  }

  private static OffsetDateTime at(Long millis) {
    return millis == null ? null : CallJoiner.time(millis);
  }
}
