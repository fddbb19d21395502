package klip.http;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import klip.access.AccessPolicy;
import klip.access.Principal;

/**
 * A short road for requests that are many, small and already vouched for (the Range requests of an audited
 * playback): served before the session handler, the body handler and the API chain, whose per-request work (a
 * session copied out of and back into the store, schema validation, the walk through every API route) costs more
 * than the answer. The session is still checked on every request, against the store by the cookie's id, and the
 * route's rule in the access table still applies. Whatever the short road does not serve, it hands on unanswered
 * to the full chain, which answers it (and every refusal) as it always did.
 */
public final class SessionBoundRoutes {

  /** The signed-in principal of a session id, if the session is alive; touching it counts as use. */
  public interface SessionPrincipals {
    String cookieName();

    /** The session's valid principal, or null (unknown, idle too long, too old, user deactivated). */
    Future<Principal> resume(String sessionId);
  }

  /** Serves a request, or returns false having written nothing, to hand it on to the full chain. */
  @FunctionalInterface
  public interface Handler {
    boolean serve(RoutingContext ctx, Principal who, String sessionId);
  }

  private final Router router;
  private final SessionPrincipals sessions;

  /** @param router mounted under /api before the session handler, after the security headers */
  public SessionBoundRoutes(Router router, SessionPrincipals sessions) {
    this.router = router;
    this.sessions = sessions;
  }

  /** A short road to {@code method path}: only for a principal whose role the access table allows there. */
  public void route(HttpMethod method, String path, Handler handler) {
    AccessPolicy.Rule rule = AccessPolicy.ruleFor(method, "/api" + path);
    router.route(method, path).handler(ctx -> {
      Cookie cookie = ctx.request().getCookie(sessions.cookieName());
      if (cookie == null) {
        ctx.next();
        return;
      }
      String sessionId = cookie.getValue();
      sessions.resume(sessionId).onComplete(found -> {
        Principal who = found.succeeded() ? found.result() : null;
        if (who == null || !rule.allows(who.role()) || !handler.serve(ctx, who, sessionId)) {
          ctx.next();
        }
      });
    });
  }
}
