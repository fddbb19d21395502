package klip.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import klip.Addresses;
import klip.access.AccessPolicy;
import klip.access.Principal;

import java.util.function.Function;

/**
 * The only way capabilities add HTTP API routes: each route is looked up in {@link AccessPolicy} when it is
 * registered (no rule, no start) and checked against the signed-in principal on every request. Handlers
 * return a future of the JSON body; failures become status codes in one place (the web shell's FailureHandler).
 */
public final class SecuredRouter {

  /** The refusal of a role by the access table (an ownership refusal by a handler says something else). */
  public static final String ROLE_DENIED = "Peran Anda tidak diizinkan untuk tindakan ini (role not allowed)";

  private final Router router;
  private final EventBus audit;

  /** Without an audit trail: for tests of the table check alone. */
  public SecuredRouter(Router router) {
    this(router, null);
  }

  public SecuredRouter(Router router, EventBus audit) {
    this.router = router;
    this.audit = audit;
  }

  /** A route whose handler answers with JSON (object or array) or fails with an {@link ApiError}. */
  public Route json(HttpMethod method, String path, Function<RoutingContext, Future<?>> handler) {
    return raw(method, path, ctx -> handler.apply(ctx)
        .onSuccess(body -> respond(ctx, body))
        .onFailure(ctx::fail));
  }

  /** A route whose handler writes the response itself (files, streams). */
  public Route raw(HttpMethod method, String path, Handler<RoutingContext> handler) {
    String route = method.name() + " /api" + path;
    AccessPolicy.Rule rule = AccessPolicy.ruleFor(method, "/api" + path);
    Route registered = router.route(method, path).handler(ctx -> authorize(ctx, rule));
    if (audit != null && AccessPolicy.audited(route)) {
      registered.handler(ctx -> intendThenRun(ctx, route));
    }
    return registered.handler(handler);
  }

  /**
   * Every change through the API, and every playback or download, goes into the audit log. Before the handler runs,
   * a durable intent is written (no intent, no change: the request is refused with 503); once the answer is out
   * the intent becomes the entry, or is dropped when the request failed. A server stopped in between leaves the
   * intent, which the audit capability records with an unknown outcome: no change is left without a trace.
   */
  private void intendThenRun(RoutingContext ctx, String route) {
    Principal who = Principal.of(ctx);
    if (who == null) {
      ctx.next();
      return;
    }
    JsonObject intent = new JsonObject().put("actor", who.username()).put("action", "http " + route)
        .put("target", ctx.normalizedPath()).put("remoteAddress", ClientAddress.of(ctx));
    audit.<Long>request(Addresses.AUDIT_INTEND, intent)
        .onSuccess(reply -> {
          long intentId = reply.body();
          ctx.addEndHandler(done -> settle(ctx, intentId));
          ctx.next();
        })
        .onFailure(err -> ctx.fail(new ApiError(503,
            "Jejak audit tidak dapat dicatat, coba lagi sebentar lagi (audit trail unavailable, retry shortly)")));
  }

  private void settle(RoutingContext ctx, long intentId) {
    int status = ctx.response().getStatusCode();
    if (status >= 400) {
      audit.send(Addresses.AUDIT_FORGET, new JsonObject().put("intentId", intentId));
    } else {
      audit.send(Addresses.AUDIT_SETTLE, new JsonObject().put("intentId", intentId)
          .put("detail", new JsonObject().put("status", status)));
    }
  }

  private static void authorize(RoutingContext ctx, AccessPolicy.Rule rule) {
    Principal principal = Principal.of(ctx);
    if (rule.open()) {
      ctx.next();
    } else if (principal == null) {
      ctx.fail(new ApiError(401, "Silakan masuk terlebih dahulu (login required)"));
    } else if (!rule.allows(principal.role())) {
      ctx.fail(ApiError.forbidden(ROLE_DENIED));
    } else {
      ctx.next();
    }
  }

  private static void respond(RoutingContext ctx, Object body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().putHeader("Content-Type", "application/json; charset=utf-8");
    if (body == null) {
      ctx.response().setStatusCode(204).end();
    } else if (body instanceof JsonObject o) {
      ctx.response().end(o.encode());
    } else if (body instanceof JsonArray a) {
      ctx.response().end(a.encode());
    } else {
      ctx.response().end(String.valueOf(body));
    }
  }
}
