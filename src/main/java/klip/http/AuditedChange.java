package klip.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;

/**
 * The audit entry of one audited API change, written by the handler inside the change's own transaction: the change
 * and its entry commit together or not at all, so a crash at any point leaves neither a change without its entry
 * nor an entry of a change that never happened. Routes registered with {@link SecuredRouter#change} get one.
 */
public final class AuditedChange {

  /** Appends an entry inside the caller's transaction; the audit capability implements it on its own table. */
  public interface Trail {
    Future<Void> append(SqlConnection tx, String actor, String action, String target, JsonObject detail,
                        String remoteAddress);
  }

  private static final String KEY = "klip.auditedChange";

  private final Trail trail;
  private final String actor;
  private final String action;
  private final String target;
  private final String remoteAddress;
  private boolean written;

  AuditedChange(Trail trail, String actor, String action, String target, String remoteAddress) {
    this.trail = trail;
    this.actor = actor;
    this.action = action;
    this.target = target;
    this.remoteAddress = remoteAddress;
  }

  void attachTo(RoutingContext ctx) {
    ctx.put(KEY, this);
  }

  /** The request's change, or null when the route is not an audited change (or nobody is signed in). */
  public static AuditedChange of(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  /**
   * Appends the entry in {@code tx}, best as the transaction's last statement: the audit chain is locked from here
   * until the commit.
   */
  public Future<Void> within(SqlConnection tx) {
    return trail.append(tx, actor, action, target, new JsonObject(), remoteAddress)
        .onSuccess(v -> written = true);
  }

  /** For a change handled by several capabilities: appends only when {@code ctx} carries one. */
  public static Future<Void> within(RoutingContext ctx, SqlConnection tx) {
    AuditedChange change = of(ctx);
    return change == null ? Future.succeededFuture() : change.within(tx);
  }

  boolean written() {
    return written;
  }

  String action() {
    return action;
  }
}
