package klip.tickets;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import klip.facts.FactQueue;
import klip.facts.GroupCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reconciles tickets with what Asterisk says is live, after the resync of every start and AMI reconnect: a ticket
 * still ringing or connected whose call Asterisk no longer has ended while nobody was listening (the server was
 * down, or the AMI connection). It is ended at the best-known time, marked reconciled on its timeline, and its
 * recording becomes due like any other; its unacknowledged pops stop being re-sent because the call is over.
 *
 * <p>Only tickets older than the moment Asterisk was asked are candidates, and a call whose facts are still waiting
 * in the queue is left to them: neither a call that began after the question nor a late fact is cut short.
 */
final class CallReconciler {

  private static final Logger log = LoggerFactory.getLogger(CallReconciler.class);

  private final Pool pool;
  private final GroupCommit writes;
  private final FactQueue facts;
  private final Consumer<Row> ended;

  /** @param ended told of each ticket reconciled (its end columns), to notify and hand over the recording */
  CallReconciler(Pool pool, GroupCommit writes, FactQueue facts, Consumer<Row> ended) {
    this.pool = pool;
    this.writes = writes;
    this.facts = facts;
    this.ended = ended;
  }

  /** Handles one {@code telephony.calls.reconcile} message; completes with how many calls it ended. */
  Future<Integer> reconcile(JsonObject live) {
    long at = live.getLong("at");
    String reason = live.getString("reason", "resync");
    JsonArray ids = live.getJsonArray("liveCallIds", new JsonArray());
    JsonObject knownEnds = live.getJsonObject("knownEnds", new JsonObject());
    String[] liveIds = ids.stream().map(String::valueOf).toArray(String[]::new);
    return pool.preparedQuery(TicketQueries.OPEN_NOT_LIVE).execute(Tuple.of(liveIds, PopService.at(at)))
        .map(rows -> {
          List<String> stale = new ArrayList<>();
          rows.forEach(r -> stale.add(r.getString("call_id")));
          int ending = 0;
          for (String callId : stale) {
            if (facts.hasPending(callId)) {
              continue;
            }
            Long knownEnd = knownEnds.getLong(callId);
            JsonObject detail = new JsonObject().put("reason", reason).put("endedAtSource",
                knownEnd == null ? "last_known" : "asterisk");
            facts.submit(callId, () -> end(callId, knownEnd, detail));
            ending++;
          }
          if (ending > 0) {
            log.info("Reconciliation ({}): {} open tickets whose call Asterisk no longer has are being ended",
                reason, ending);
          }
          return ending;
        });
  }

  private Future<?> end(String callId, Long knownEnd, JsonObject detail) {
    return writes.execute(TicketQueries.RECONCILED, Tuple.of(callId, knownEnd == null ? null : PopService.at(knownEnd), detail))
        .onSuccess(rows -> rows.forEach(ended));
  }
}
