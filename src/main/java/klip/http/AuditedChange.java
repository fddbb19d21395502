package klip.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;

import java.util.function.Function;

/**
 * The audit entry of one audited API change, the only way such a change is audited. A change to our database
 * appends it inside the change's own transaction ({@link #within}): the change and its entry commit together or
 * not at all, so a crash at any point leaves neither a change without its entry nor an entry of a change that never
 * happened. An effect outside the database (an Asterisk action, files, the simulated PBX) has no transaction to
 * share: its entry is committed on its own ({@link #beforeEffect}) after every check that can refuse the request
 * and before the effect, so no effect happens without its entry. Routes registered with
 * {@link SecuredRouter#change} get one.
 */
public final class AuditedChange {

  /** Appends entries; the audit capability implements it on its own table. */
  public interface Trail {
    /** Inside the caller's transaction. */
    Future<Void> append(SqlConnection tx, String actor, String action, String target, JsonObject detail,
                        String remoteAddress);

    /** In a transaction of its own. */
    Future<Void> append(String actor, String action, String target, JsonObject detail, String remoteAddress);
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
   * Appends the route's entry in {@code tx}, best as the transaction's last statement: the audit chain is locked
   * from here until the commit.
   */
  public Future<Void> within(SqlConnection tx) {
    return within(tx, action, target, new JsonObject());
  }

  /** As {@link #within(SqlConnection)}, with an entry that says more (a role change, an article version). */
  public Future<Void> within(SqlConnection tx, String namedAction, String namedTarget, JsonObject detail) {
    return trail.append(tx, actor, namedAction, namedTarget, detail, remoteAddress).onSuccess(v -> written = true);
  }

  /** Commits the route's entry on its own: for an effect outside the database, right before that effect. */
  public Future<Void> beforeEffect(JsonObject detail) {
    return trail.append(actor, action, target, detail, remoteAddress)
        .recover(err -> Future.failedFuture(new ApiError(503,
            "Jejak audit tidak dapat dicatat, coba lagi sebentar lagi")))
        .onSuccess(v -> written = true);
  }

  /**
   * Hands the change to a capability that makes it in its own verticle: the JSON travels in the bus message, and
   * that capability appends the entry in its own transaction with {@link #appendHandedOver}. Counted as written from
   * here: a request whose capability refuses it fails with that refusal (and its transaction rolled back).
   */
  public JsonObject handOver() {
    written = true;
    return new JsonObject().put("actor", actor).put("action", action).put("target", target)
        .put("remoteAddress", remoteAddress);
  }

  /** {@link #handOver()} when {@code ctx} carries a change, else null. */
  public static JsonObject handOver(RoutingContext ctx) {
    AuditedChange change = of(ctx);
    return change == null ? null : change.handOver();
  }

  /** Appends, in {@code tx}, the entry of a change handed over with {@link #handOver}; nothing for null. */
  public static Future<Void> appendHandedOver(Trail trail, SqlConnection tx, JsonObject handed) {
    return handed == null ? Future.succeededFuture() : trail.append(tx, handed.getString("actor"),
        handed.getString("action"), handed.getString("target"), new JsonObject(), handed.getString("remoteAddress"));
  }

  /** As above for an effect outside the database: the entry commits on its own, before the effect. */
  public static Future<Void> appendHandedOver(Trail trail, JsonObject handed) {
    return handed == null ? Future.succeededFuture() : trail.append(handed.getString("actor"),
        handed.getString("action"), handed.getString("target"), new JsonObject(), handed.getString("remoteAddress"));
  }

  /** For a change handled by several capabilities: appends only when {@code ctx} carries one. */
  public static Future<Void> within(RoutingContext ctx, SqlConnection tx) {
    AuditedChange change = of(ctx);
    return change == null ? Future.succeededFuture() : change.within(tx);
  }

  /** {@link #within(SqlConnection, String, String, JsonObject)} when {@code ctx} carries a change. */
  public static Future<Void> within(RoutingContext ctx, SqlConnection tx, String action, String target,
                                    JsonObject detail) {
    AuditedChange change = of(ctx);
    return change == null ? Future.succeededFuture() : change.within(tx, action, target, detail);
  }

  /** What a capability's service takes to append the request's entry in its own transaction. */
  public static Function<SqlConnection, Future<Void>> inTransaction(RoutingContext ctx) {
    return tx -> within(ctx, tx);
  }

  /** {@link #beforeEffect} when {@code ctx} carries a change. */
  public static Future<Void> beforeEffect(RoutingContext ctx, JsonObject detail) {
    AuditedChange change = of(ctx);
    return change == null ? Future.succeededFuture() : change.beforeEffect(detail);
  }

  boolean written() {
    return written;
  }

  String action() {
    return action;
  }
}
