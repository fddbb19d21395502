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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The only way capabilities add HTTP API routes: each route is looked up in {@link AccessPolicy} when it is
 * registered (no rule, no start) and checked against the signed-in principal on every request; then the request
 * is checked against the route's {@link RequestSchema} (body, path and query parameters). Handlers return a future
 * of the JSON body; failures become status codes in one place (the web shell's FailureHandler).
 */
public final class SecuredRouter {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SecuredRouter.class);

  /** The refusal of a role by the access table (an ownership refusal by a handler says something else). */
  public static final String ROLE_DENIED = "Peran Anda tidak diizinkan untuk tindakan ini (role not allowed)";

  private final Router router;
  private final EventBus audit;
  private final SessionBoundRoutes shortRoads;
  private final AuditedChange.Trail trail;
  private final Map<String, RequestSchema> schemas = new LinkedHashMap<>();

  /** Without an audit trail: for tests of the table check alone. */
  public SecuredRouter(Router router) {
    this(router, null, null, null);
  }

  /**
   * @param shortRoads where {@link #shortRoad} mounts its handlers; null: the full chain serves every request
   * @param trail where changes registered with {@link #change} append their audit entry in their own transaction
   */
  public SecuredRouter(Router router, EventBus audit, SessionBoundRoutes shortRoads, AuditedChange.Trail trail) {
    this.router = router;
    this.audit = audit;
    this.shortRoads = shortRoads;
    this.trail = trail;
  }

  /** A route that reads no input but its path (a JSON answer or an {@link ApiError}). */
  public Route json(HttpMethod method, String path, Function<RoutingContext, Future<?>> handler) {
    return json(method, path, RequestSchema.none(), handler);
  }

  /** A route whose handler answers with JSON (object or array) or fails with an {@link ApiError}. */
  public Route json(HttpMethod method, String path, RequestSchema input,
                    Function<RoutingContext, Future<?>> handler) {
    return raw(method, path, input, ctx -> handler.apply(ctx)
        .onSuccess(body -> respond(ctx, body))
        .onFailure(ctx::fail));
  }

  /**
   * An audited change whose handler writes the audit entry in the change's own transaction, through
   * {@link AuditedChange#of}: no intent is written before it. A handler that succeeds without writing it is a bug;
   * the entry is then appended on its own, and the omission logged.
   */
  public Route change(HttpMethod method, String path, RequestSchema input,
                      Function<RoutingContext, Future<?>> handler) {
    String route = method.name() + " /api" + path;
    return raw(method, path, input, ctx -> trail != null, ctx -> {
      Principal who = Principal.of(ctx);
      AuditedChange change = trail == null || who == null ? null
          : new AuditedChange(trail, who.username(), "http " + route, ctx.normalizedPath(), ClientAddress.of(ctx));
      if (change != null) {
        change.attachTo(ctx);
      }
      handler.apply(ctx)
          .compose(body -> change == null || change.written() ? Future.succeededFuture(body)
              : appendLate(ctx, change).map(body))
          .onSuccess(body -> respond(ctx, body))
          .onFailure(ctx::fail);
    });
  }

  private Future<Void> appendLate(RoutingContext ctx, AuditedChange change) {
    log.error("{} changed something without its audit entry in the same transaction; appended after it",
        change.action());
    audit.send(Addresses.AUDIT_RECORD, new JsonObject().put("actor", Principal.of(ctx).username())
        .put("action", change.action()).put("target", ctx.normalizedPath()).put("remoteAddress", ClientAddress.of(ctx))
        .put("detail", new JsonObject().put("late", true)));
    return Future.succeededFuture();
  }

  /** A route that reads no input but its path and writes the response itself (files, streams). */
  public Route raw(HttpMethod method, String path, Handler<RoutingContext> handler) {
    return raw(method, path, RequestSchema.none(), handler);
  }

  /** A route whose handler writes the response itself (files, streams). */
  public Route raw(HttpMethod method, String path, RequestSchema input, Handler<RoutingContext> handler) {
    return raw(method, path, input, ctx -> false, handler);
  }

  /**
   * A raw route some of whose requests the handler audits itself, before their first byte (a Range request riding
   * on a playback audited when it was opened). For a request where {@code auditedByHandler} holds, no generic
   * intent is written; the handler must refuse any such request it cannot tie to its own audit entry. Decided
   * before the handler runs, because the generic intent is written before it.
   */
  public Route raw(HttpMethod method, String path, RequestSchema input, Predicate<RoutingContext> auditedByHandler,
                   Handler<RoutingContext> handler) {
    String route = method.name() + " /api" + path;
    AccessPolicy.Rule rule = AccessPolicy.ruleFor(method, "/api" + path);
    schemas.put(route, input);
    Route registered = router.route(method, path).handler(ctx -> authorize(ctx, rule))
        .handler(new RequestValidator(input));
    if (audit != null && AccessPolicy.audited(route)) {
      registered.handler(ctx -> {
        if (auditedByHandler.test(ctx)) {
          ctx.next();
        } else {
          intendThenRun(ctx, route);
        }
      });
    }
    return registered.handler(handler);
  }

  /**
   * A short road to a route also registered in full (with {@link #raw}): requests the handler serves skip the
   * session handler and the API chain (see {@link SessionBoundRoutes}); the rest go the full way. The handler
   * must serve only requests the full route would serve the same way, audited by the handler itself.
   */
  public void shortRoad(HttpMethod method, String path, SessionBoundRoutes.Handler handler) {
    if (shortRoads != null) {
      shortRoads.route(method, path, handler);
    }
  }

  /** The input schema of every route registered so far ("METHOD /api/path"), for the OpenAPI document. */
  public Map<String, RequestSchema> schemas() {
    return Collections.unmodifiableMap(schemas);
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
