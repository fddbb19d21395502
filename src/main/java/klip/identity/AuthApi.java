package klip.identity;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import klip.web.ApiError;
import klip.web.HttpApi;
import klip.web.Requests;
import klip.web.SecuredRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign-in and sign-out. The session keeps only the principal; the cookie carries only the session id. */
public final class AuthApi implements HttpApi {

  private static final Logger log = LoggerFactory.getLogger(AuthApi.class);
  static final String SESSION_KEY = "principal";

  private final UserDirectory users;

  public AuthApi(UserDirectory users) {
    this.users = users;
  }

  /** Puts the session's principal, if any, on the request: mounted before every route. */
  public static Handler<RoutingContext> principalFromSession() {
    return ctx -> {
      Session session = ctx.session();
      if (session != null) {
        JsonObject stored = session.get(SESSION_KEY);
        if (stored != null) {
          ctx.put(Principal.CONTEXT_KEY, Principal.fromJson(stored));
        }
      }
      ctx.next();
    };
  }

  /** The principal of a session, for the event-bus bridge, which has a session but no routing context. */
  public static Principal fromSession(Session session) {
    if (session == null) {
      return null;
    }
    JsonObject stored = session.get(SESSION_KEY);
    return stored == null ? null : Principal.fromJson(stored);
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.POST, "/login", this::login);
    routes.json(HttpMethod.POST, "/logout", ctx -> {
      ctx.session().destroy();
      return Future.succeededFuture(new JsonObject().put("ok", true));
    });
    routes.json(HttpMethod.GET, "/me", ctx -> Future.succeededFuture(Principal.of(ctx).toJson()));
  }

  private Future<JsonObject> login(RoutingContext ctx) {
    JsonObject body = Requests.jsonBody(ctx);
    String username = Requests.requiredString(body, "username", 100);
    String password = Requests.requiredString(body, "password", 200);
    return users.authenticate(username, password).map(found -> {
      if (found.isEmpty()) {
        log.info("Failed sign-in for a user name from {}", ctx.request().remoteAddress());
        throw new ApiError(401, "Nama pengguna atau kata sandi salah (invalid credentials)");
      }
      Principal principal = found.get();
      ctx.session().regenerateId();
      ctx.session().put(SESSION_KEY, principal.toJson());
      log.info("{} signed in as {}", principal.username(), principal.role());
      return principal.toJson();
    });
  }
}
