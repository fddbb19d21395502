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
 * replies once it is stored. Server-side only: the bridge never lets a browser send here.
 */
public final class AuditVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(AuditVerticle.class);

  private final AuditLog audit;

  public AuditVerticle(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public Future<?> start() {
    return recordConsumer();
  }

  private Future<Void> recordConsumer() {
    return vertx.eventBus().<Object>localConsumer(Addresses.AUDIT_RECORD, msg -> {
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
