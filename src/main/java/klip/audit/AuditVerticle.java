package klip.audit;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log on the event bus, for capabilities that hold no {@link AuditLog} reference: a message
 * {actor, action, target, detail, remoteAddress} to {@link Addresses#AUDIT_RECORD} appends one entry and
 * replies once it is stored; the intents of audited API changes ({@link AuditLog#intend}) come and go the same way,
 * and the intents a stopped server left behind are recorded at start and every minute after. Server-side only: the
 * bridge never lets a browser send here.
 */
public final class AuditVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(AuditVerticle.class);

  /** An intent older than this belongs to a request that is long over: its server stopped while answering. */
  private static final int LEFT_BEHIND_SECONDS = 60;

  private final AuditLog audit;

  public AuditVerticle(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(LEFT_BEHIND_SECONDS * 1000L, id -> settleLeftovers());
    return Future.all(recordConsumer(), intentConsumers())
        .onSuccess(v -> settleLeftovers());
  }

  private void settleLeftovers() {
    audit.settleLeftovers(LEFT_BEHIND_SECONDS)
        .onSuccess(n -> {
          if (n > 0) {
            log.warn("{} audited change(s) were interrupted by a stop; recorded with an unknown outcome", n);
          }
        })
        .onFailure(err -> log.warn("Interrupted audit intents not recorded yet: {}", err.getMessage()));
  }

  private Future<?> intentConsumers() {
    Future<Void> intend = vertx.eventBus().<JsonObject>consumer(Addresses.AUDIT_INTEND, msg -> {
      JsonObject m = msg.body();
      audit.intend(m.getString("actor"), m.getString("action"), m.getString("target"), m.getString("remoteAddress"))
          .onSuccess(msg::reply)
          .onFailure(err -> msg.fail(503, err.getMessage()));
    }).completion();
    Future<Void> settle = vertx.eventBus().<JsonObject>consumer(Addresses.AUDIT_SETTLE, msg ->
        audit.settle(msg.body().getLong("intentId"), msg.body().getJsonObject("detail"))
            .onFailure(err -> log.warn("Audit intent {} not settled now ({}); recorded as interrupted later",
                msg.body().getLong("intentId"), err.getMessage()))).completion();
    Future<Void> forget = vertx.eventBus().<JsonObject>consumer(Addresses.AUDIT_FORGET, msg ->
        audit.forget(msg.body().getLong("intentId"))
            .onFailure(err -> log.warn("Audit intent {} not dropped: {}", msg.body().getLong("intentId"),
                err.getMessage()))).completion();
    return Future.all(intend, settle, forget);
  }

  private Future<Void> recordConsumer() {
    return vertx.eventBus().<Object>consumer(Addresses.AUDIT_RECORD, msg -> {
      if (!(msg.body() instanceof JsonObject m) || m.getString("action") == null) {
        msg.fail(400, "action required");
        return;
      }
      audit.record(m.getString("actor"), m.getString("action"), m.getString("target"), m.getJsonObject("detail"),
              m.getString("remoteAddress"))
          .onSuccess(v -> msg.reply(true))
          .onFailure(err -> {
            log.error("Audit entry {} not stored: {}", m.getString("action"), err.getMessage());
            msg.fail(500, err.getMessage());
          });
    }).completion();
  }
}
