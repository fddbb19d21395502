package klip.identity;

import klip.access.Principal;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.ClusteredSessionStore;
import io.vertx.ext.web.sstore.LocalSessionStore;
import io.vertx.ext.web.sstore.SessionStore;
import java.util.concurrent.atomic.AtomicLong;
import klip.http.ClientAddress;
import klip.http.SessionBoundRoutes;

/**
 * Server-side sessions: the cookie carries only the id (HttpOnly, SameSite=Strict, Secure behind TLS). A session
 * ends after {@code sessionIdleMs} without use, {@code sessionMaxMs} after sign-in whatever its use, at sign-out,
 * and as soon as an administrator deactivates its user; a role or team change applies to the next request.
 */
public final class Sessions {

  static final String PRINCIPAL_KEY = "principal";
  static final String SIGNED_IN_AT_KEY = "signedInAt";
  private static final String COOKIE = "klip.session";
  /** How stale a session's last use may be before a short-road request writes it back: far below any idle limit. */
  static final long TOUCH_EVERY_MS = 1_000;

  private final SecurityConfig config;
  private final AgentDirectory directory;
  private final SessionStore store;
  private final SessionHandler plain;
  private final SessionHandler secure;
  /** Sign-outs so far, counted once each session is gone from the store: bridge sockets re-check when it moves. */
  private final AtomicLong signOuts = new AtomicLong();

  public Sessions(Vertx vertx, SecurityConfig config, AgentDirectory directory) {
    this.config = config;
    this.directory = directory;
    // On a cluster every node reads the same sessions (Hazelcast keeps a backup of each on another node, so a
    // session outlives the node it was signed in on); one node alone keeps them in its memory.
    this.store = vertx.isClustered() ? ClusteredSessionStore.create(vertx) : LocalSessionStore.create(vertx);
    this.plain = handler(false);
    this.secure = handler(true);
  }

  private SessionHandler handler(boolean secureFlag) {
    return SessionHandler.create(store)
        .setSessionCookieName(COOKIE)
        .setCookieHttpOnlyFlag(true)
        .setCookieSameSite(CookieSameSite.STRICT)
        .setCookieSecureFlag(secureFlag)
        .setSessionTimeout(config.sessionIdleMs())
        // Only a session someone signs in with is stored: anonymous requests must not fill the store.
        .setLazySession(true);
  }

  public SecurityConfig config() {
    return config;
  }

  /** The session handler: with the Secure cookie flag when configured so, or (auto) when the request is TLS. */
  public Handler<RoutingContext> sessionHandler() {
    return ctx -> {
      boolean secureCookie = switch (config.cookieSecure()) {
        case "true" -> true;
        case "false" -> false;
        default -> ClientAddress.secure(ctx);
      };
      (secureCookie ? secure : plain).handle(ctx);
    };
  }

  /** Puts the session's principal, if it is still valid, on the request: mounted before every route. */
  public Handler<RoutingContext> principalFromSession() {
    return ctx -> {
      if (ctx.request().getCookie(COOKIE) == null) {
        ctx.next();
        return;
      }
      Session session = ctx.session();
      Principal principal = current(session);
      if (principal != null) {
        principal.attachTo(ctx);
      } else if (session != null && session.get(PRINCIPAL_KEY) != null) {
        // Expired by age or the user was deactivated: forget it so the next sign-in starts clean.
        session.destroy();
      }
      ctx.next();
    };
  }

  /** The valid principal of a session (fresh from the directory), or null. */
  public Principal current(Session session) {
    if (session == null || session.isDestroyed()) {
      return null;
    }
    JsonObject stored = session.get(PRINCIPAL_KEY);
    Long signedInAt = session.get(SIGNED_IN_AT_KEY);
    if (stored == null || signedInAt == null || System.currentTimeMillis() - signedInAt > config.sessionMaxMs()) {
      return null;
    }
    return directory.byUsername(stored.getString("username")).orElse(null);
  }

  /** The principal of a stored session by id, for the bridge, which must notice sign-outs and expiry. */
  public Future<Principal> lookup(String sessionId) {
    if (sessionId == null) {
      return Future.succeededFuture(null);
    }
    return store.get(sessionId).map(this::principalIfAlive);
  }

  /**
   * The principal of a stored session by id and the earliest moment it can end by itself (idle or age limit),
   * or null: what a bridge socket checks once and then trusts until that moment, a sign-out or a directory change.
   */
  Future<SessionCheck.Valid> validity(String sessionId) {
    long signOutsBefore = signOuts.get();
    return store.get(sessionId).map(session -> {
      Principal principal = principalIfAlive(session);
      if (principal == null) {
        return null;
      }
      Long signedInAt = session.get(SIGNED_IN_AT_KEY);
      long until = Math.min(session.lastAccessed() + session.timeout(), signedInAt + config.sessionMaxMs());
      return new SessionCheck.Valid(principal, until, signOutsBefore);
    });
  }

  /** Sign-outs counted so far. */
  long signOuts() {
    return signOuts.get();
  }

  /** Whether {@code principal} is still what the directory holds for its user (not deactivated, not changed). */
  boolean stillCurrent(Principal principal) {
    return directory.byUsername(principal.username()).orElse(null) == principal;
  }

  /** One socket's cached view of this session store; see {@link SessionCheck}. */
  public SessionCheck checkFor(String sessionId) {
    return new SessionCheck(this, sessionId);
  }

  /**
   * Ends the request's session: gone from the store before this completes, so that every bridge socket of that
   * session, which re-checks after any sign-out, finds it gone.
   */
  public Future<Void> signOut(RoutingContext ctx) {
    Session session = ctx.session();
    String id = session.id();
    session.destroy();
    return store.delete(id).onComplete(ar -> signOuts.incrementAndGet());
  }

  /** The valid principal of a stored session that has not idled out, or null. */
  private Principal principalIfAlive(Session session) {
    if (session == null || System.currentTimeMillis() - session.lastAccessed() > session.timeout()) {
      return null;
    }
    return current(session);
  }

  /**
   * For the short roads served before the session handler: a session's principal by the cookie's id, with the
   * same checks as {@link #principalFromSession()}. A request there is use, as it would be through the session
   * handler; the stored session is rewritten at most every {@link #TOUCH_EVERY_MS}, not on every request.
   */
  public SessionBoundRoutes.SessionPrincipals principals() {
    return new SessionBoundRoutes.SessionPrincipals() {
      @Override
      public String cookieName() {
        return COOKIE;
      }

      @Override
      public Future<Principal> resume(String sessionId) {
        return store.get(sessionId).map(session -> {
          Principal principal = principalIfAlive(session);
          if (principal != null && System.currentTimeMillis() - session.lastAccessed() >= TOUCH_EVERY_MS) {
            session.setAccessed();
            // A lost race with a request through the session handler, which stores it anyway, is harmless.
            store.put(session);
          }
          return principal;
        });
      }
    };
  }

  /**
   * How often an open bridge socket rewrites its session as used: a minute, or a quarter of the idle limit when that
   * is shorter, so that a session with a desktop open never idles out.
   */
  long bridgeTouchEveryMs() {
    return Math.max(1, Math.min(60_000, config.sessionIdleMs() / 4));
  }

  /** An open agent desktop is use: its bridge pings keep the session from idling out. */
  public Future<Void> touch(String sessionId) {
    if (sessionId == null) {
      return Future.succeededFuture();
    }
    return store.get(sessionId).compose(session -> {
      if (session == null) {
        return Future.succeededFuture();
      }
      session.setAccessed();
      return store.put(session);
    });
  }

  /** Binds the principal to a fresh session id (no fixation). */
  public static void signIn(RoutingContext ctx, Principal principal) {
    ctx.session().regenerateId();
    ctx.session().put(PRINCIPAL_KEY, principal.toJson());
    ctx.session().put(SIGNED_IN_AT_KEY, System.currentTimeMillis());
  }
}
