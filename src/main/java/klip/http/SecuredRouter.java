package klip.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import klip.access.AccessPolicy;
import klip.access.Principal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The only way capabilities add HTTP API routes: each route is looked up in {@link AccessPolicy} when it is
 * registered (no rule, no start) and checked against the signed-in principal on every request; then the request
 * is checked against the route's {@link RequestSchema} (body, path and query parameters). Handlers return a future
 * of the JSON body; failures become status codes in one place (the web shell's FailureHandler).
 */
public final class SecuredRouter {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SecuredRouter.class);

  /** The refusal of a role by the access table (an ownership refusal by a handler says something else). */
  public static final String ROLE_DENIED = "Peran Anda tidak diizinkan untuk tindakan ini";

  private final Router router;
  private final SessionBoundRoutes shortRoads;
  private final AuditedChange.Trail trail;
  private final Map<String, RequestSchema> schemas = new LinkedHashMap<>();

  /** Without an audit trail: for tests of the table check alone. */
  public SecuredRouter(Router router) {
    this(router, null, null);
  }

  /**
   * @param shortRoads where {@link #shortRoad} mounts its handlers; null: the full chain serves every request
   * @param trail where audited routes append their audit entry (see {@link AuditedChange})
   */
  public SecuredRouter(Router router, SessionBoundRoutes shortRoads, AuditedChange.Trail trail) {
    this.router = router;
    this.shortRoads = shortRoads;
    this.trail = trail;
  }

  /** A route that reads no input but its path (a JSON answer or an {@link ApiError}). */
  public Route json(HttpMethod method, String path, Function<RoutingContext, Future<?>> handler) {
    return json(method, path, RequestSchema.none(), handler);
  }

  /**
   * A route whose handler answers with JSON (object or array) or fails with an {@link ApiError}. An audited route
   * (see {@link AccessPolicy#audited}) must be registered with {@link #change} instead: refused at start otherwise.
   */
  public Route json(HttpMethod method, String path, RequestSchema input,
                    Function<RoutingContext, Future<?>> handler) {
    String route = method.name() + " /api" + path;
    if (AccessPolicy.audited(route)) {
      throw new IllegalStateException(route + " is audited: register it with SecuredRouter.change, whose handler "
          + "appends the entry in the change's own transaction");
    }
    return raw(method, path, input, ctx -> handler.apply(ctx)
        .onSuccess(body -> respond(ctx, body))
        .onFailure(ctx::fail));
  }

  /**
   * An audited change: its handler appends the audit entry through {@link AuditedChange#of} in the change's own
   * transaction (or, for an effect outside the database, on its own right before the effect). A handler that
   * succeeds without writing it is a bug: the entry is then appended on its own before the answer, and the omission
   * logged.
   */
  public Route change(HttpMethod method, String path, RequestSchema input,
                      Function<RoutingContext, Future<?>> handler) {
    return register(method, path, input, ctx -> {
      AuditedChange change = AuditedChange.of(ctx);
      handler.apply(ctx)
          .compose(body -> change == null || change.written() ? Future.succeededFuture(body)
              : appendLate(change).map(body))
          .onSuccess(body -> respond(ctx, body))
          .onFailure(ctx::fail);
    });
  }

  private Future<Void> appendLate(AuditedChange change) {
    log.error("{} changed something without its audit entry in the same transaction; appended after it",
        change.action());
    return change.beforeEffect(new JsonObject().put("late", true));
  }

  /** A route that reads no input but its path and writes the response itself (files, streams). */
  public Route raw(HttpMethod method, String path, Handler<RoutingContext> handler) {
    return raw(method, path, RequestSchema.none(), handler);
  }

  /**
   * A route whose handler writes the response itself (files, streams). On an audited route the handler appends the
   * entry itself through {@link AuditedChange#of} before the first byte, or refuses a request it can tie to an entry
   * written earlier (a Range request riding on a playback audited when it was opened).
   */
  public Route raw(HttpMethod method, String path, RequestSchema input, Handler<RoutingContext> handler) {
    return register(method, path, input, handler);
  }

  private Route register(HttpMethod method, String path, RequestSchema input, Handler<RoutingContext> handler) {
    String route = method.name() + " /api" + path;
    AccessPolicy.Rule rule = AccessPolicy.ruleFor(method, "/api" + path);
    schemas.put(route, input);
    Route registered = router.route(method, path).handler(ctx -> authorize(ctx, rule))
        .handler(new RequestValidator(input));
    if (trail != null && AccessPolicy.audited(route)) {
      registered.handler(ctx -> {
        Principal who = Principal.of(ctx);
        if (who != null) {
          new AuditedChange(trail, who.username(), "http " + route, ctx.normalizedPath(), ClientAddress.of(ctx))
              .attachTo(ctx);
        }
        ctx.next();
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

  private static void authorize(RoutingContext ctx, AccessPolicy.Rule rule) {
    Principal principal = Principal.of(ctx);
    if (rule.open()) {
      ctx.next();
    } else if (principal == null) {
      ctx.fail(new ApiError(401, "Silakan masuk terlebih dahulu"));
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
