package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Publishes committed outbox rows on the event bus, at least once: each message is sent as a request, and the
 * row is marked published only when the consumer has replied. A crash before that leaves the row pending and
 * the next start (or the next poll) sends it again; consumers de-duplicate on the message key.
 */
final class OutboxPublisher extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
  private static final int BATCH = 50;
  private static final long REPLY_TIMEOUT_MS = 10_000;
  private static final long PURGE_EVERY_MS = 60 * 60_000;

  private final Pool pool;
  private final long pollMs;
  private boolean draining;
  private boolean again;

  OutboxPublisher(Pool pool, long pollMs) {
    this.pool = pool;
    this.pollMs = pollMs;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(pollMs, id -> drain());
    // Published rows are only history once the consumer has its own record; keep a week for inspection.
    vertx.setPeriodic(PURGE_EVERY_MS, id -> pool.query(EscalationQueries.OUTBOX_PURGE).execute()
        .onFailure(err -> log.warn("Outbox purge failed: {}", err.getMessage())));
    return vertx.eventBus().consumer(Addresses.OUTBOX_KICK, m -> drain()).completion()
        .onSuccess(v -> drain());
  }

  /** One drain at a time; a kick during a drain makes it run once more, so nothing committed waits a poll. */
  private void drain() {
    if (draining) {
      again = true;
      return;
    }
    draining = true;
    again = false;
    pool.preparedQuery(EscalationQueries.OUTBOX_PENDING).execute(Tuple.of(BATCH))
        .compose(rows -> {
          List<Future<?>> sends = new ArrayList<>();
          rows.forEach(r -> sends.add(publish(r)));
          return Future.join(sends);
        })
        .onComplete(ar -> {
          draining = false;
          if (again) {
            drain();
          }
        });
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
