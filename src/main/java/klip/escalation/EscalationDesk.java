package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * The escalation desk's consumer: an escalation delivered from the outbox lands in the desk's inbox once,
 * however many times it is delivered, and appears live on every desk screen the first time only.
 */
final class EscalationDesk {

  private static final Logger log = LoggerFactory.getLogger(EscalationDesk.class);
  private Vertx vertx;

  private final Pool pool;

  EscalationDesk(Pool pool) {
    this.pool = pool;
  }

  /** Started by the escalation verticle, on its event loop. */
  Future<?> start(Vertx vertx) {
    this.vertx = vertx;
    return vertx.eventBus().<JsonObject>localConsumer(Addresses.ESCALATION_RAISED, this::receive).completion();
  }

  private void receive(Message<JsonObject> message) {
    JsonObject escalation = message.body();
    UUID id = UUID.fromString(escalation.getString("escalationId"));
    pool.preparedQuery(EscalationQueries.DESK_RECEIVE).execute(Tuple.of(id))
        .onSuccess(rows -> {
          boolean first = rows.iterator().next().getBoolean("first");
          if (first) {
            vertx.eventBus().publish(Addresses.ESCALATION_DESK, escalation.copy().put("type", "escalation"));
          } else {
            log.info("Escalation {} delivered again; already on the desk", id);
          }
          message.reply(new JsonObject().put("first", first));
        })
        .onFailure(err -> {
          log.error("Escalation {} could not be put on the desk", id, err);
          message.fail(500, err.getMessage());
        });
  }
}
