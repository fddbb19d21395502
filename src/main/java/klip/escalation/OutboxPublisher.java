package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.async.RerunWhenBusy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishes committed outbox rows on the event bus, at least once: each message is sent as a request, and the
 * row is marked published only when the consumer has replied. A crash before that leaves the row pending and
 * the next start (or the next poll) sends it again; consumers de-duplicate on the message key.
 */
final class OutboxPublisher {

  private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
  private Vertx vertx;
  private static final int BATCH = 50;
  private static final long REPLY_TIMEOUT_MS = 10_000;
  private static final long PURGE_EVERY_MS = 60 * 60_000;

  private final Pool pool;
  private final long pollMs;
  /** One drain at a time; a kick during a drain makes it run once more, so nothing committed waits a poll. */
  private final RerunWhenBusy drains = new RerunWhenBusy(this::drain);

  OutboxPublisher(Pool pool, long pollMs) {
    this.pool = pool;
    this.pollMs = pollMs;
  }

  /** Started by the escalation verticle, on its event loop. */
  Future<?> start(Vertx vertx) {
    this.vertx = vertx;
    vertx.setPeriodic(pollMs, id -> drains.run());
    // Published rows are only history once the consumer has its own record; keep a week for inspection.
    vertx.setPeriodic(PURGE_EVERY_MS, id -> pool.query(EscalationQueries.OUTBOX_PURGE).execute()
        .onFailure(err -> log.warn("Outbox purge failed: {}", err.getMessage())));
    return vertx.eventBus().localConsumer(Addresses.OUTBOX_KICK, m -> drains.run()).completion()
        .onSuccess(v -> drains.run());
  }

  /** Sends a batch of pending rows; the next poll or kick takes the rest. */
  private Future<Boolean> drain() {
    return pool.preparedQuery(EscalationQueries.OUTBOX_PENDING).execute(Tuple.of(BATCH))
        .compose(rows -> {
          List<Future<?>> sends = new ArrayList<>();
          rows.forEach(r -> sends.add(publish(r)));
          return Future.join(sends);
        })
        .map(false);
  }

  private Future<?> publish(Row row) {
    long id = row.getLong("id");
    String address = row.getString("address");
    JsonObject payload = (JsonObject) row.getValue("payload");
    return pool.preparedQuery(EscalationQueries.OUTBOX_ATTEMPT).execute(Tuple.of(id))
        .compose(v -> vertx.eventBus().request(address, payload, new DeliveryOptions().setSendTimeout(REPLY_TIMEOUT_MS)))
        .compose(reply -> pool.preparedQuery(EscalationQueries.OUTBOX_DONE).execute(Tuple.of(id)))
        .onFailure(err -> log.warn("Outbox {} ({} {}) not delivered yet, will retry: {}", id, address,
            row.getString("message_key"), err.getMessage()));
  }
}
