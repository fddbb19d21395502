package klip.identity;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.Schemas;
import klip.access.Principal;
import klip.audit.AuditLog;
import klip.http.ApiError;
import klip.http.AuditedChange;
import klip.http.ClientAddress;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in and sign-out. A wrong password and an unknown user name get the same answer after the same work
 * (an Argon2id check either way), and lock-outs are counted by the name as typed, so nothing tells an attacker
 * which accounts exist. Every attempt is audited.
 */
public final class AuthApi implements HttpApi {

  private static final Logger log = LoggerFactory.getLogger(AuthApi.class);
  static final String INVALID = "Nama pengguna atau kata sandi salah";
  private static final String AUDIT_AWAY = "Jejak audit tidak dapat dicatat, coba lagi sebentar lagi";

  private final UserDirectory users;
  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final AuditLog audit;

  public AuthApi(UserDirectory users, Sessions sessions, LoginThrottle throttle, AuditLog audit) {
    this.users = users;
    this.sessions = sessions;
    this.throttle = throttle;
    this.audit = audit;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.POST, "/login", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("username", Fields.requiredText(100))
        .requiredProperty("password", Fields.requiredText(200))), this::login);
    routes.json(HttpMethod.POST, "/logout", this::logout);
    routes.json(HttpMethod.GET, "/me", ctx -> Future.succeededFuture(Principal.of(ctx).toJson()));
    routes.change(HttpMethod.POST, "/me/password", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("currentPassword", Fields.requiredText(200))
        .requiredProperty("newPassword", Fields.requiredText(200))), this::changePassword);
  }

  /** One's own password, with the current one as proof; wrong guesses count towards the lock-out like sign-ins. */
  private Future<JsonObject> changePassword(RoutingContext ctx) {
    RequestInput input = RequestInput.of(ctx);
    String current = input.text("currentPassword");
    String wanted = UserInput.password(input.text("newPassword"));
    Principal me = Principal.of(ctx);
    String address = ClientAddress.of(ctx);
    return throttle.lockedFor(me.username(), address).compose(lockedMs -> {
      if (lockedMs > 0) {
        return Future.failedFuture(locked(lockedMs));
      }
      return users.authenticate(me.username(), current);
    }).compose(found -> {
      if (found.isEmpty()) {
        return throttle.failed(me.username(), address, (tx, nowLocked) -> audit.record(tx, me.username(),
                "user.password_change_refused", "user:" + me.username(), null, address))
            .compose(v -> Future.failedFuture(
                ApiError.forbidden("Kata sandi saat ini salah")));
      }
      return users.setPassword(me.username(), wanted, tx -> AuditedChange.within(ctx, tx, "user.password_changed",
              "user:" + me.username(), new JsonObject()))
          .map(v -> new JsonObject().put("ok", true));
    });
  }

  private Future<JsonObject> login(RoutingContext ctx) {
    RequestInput input = RequestInput.of(ctx);
    String username = input.text("username");
    String password = input.text("password");
    String address = ClientAddress.of(ctx);
    return throttle.lockedFor(username, address).compose(lockedMs -> {
      if (lockedMs > 0) {
        return audit.record("anonymous", "login.refused", "user:" + username, new JsonObject().put("locked", true),
            address).compose(v -> Future.failedFuture(locked(lockedMs)));
      }
      return users.authenticate(username, password).compose(found -> found.isEmpty()
          ? refuse(username, address) : signIn(ctx, found.get(), address));
    });
  }

  private Future<JsonObject> refuse(String username, String address) {
    return throttle.failed(username, address, (tx, nowLocked) -> audit.record(tx, "anonymous", "login.failed",
            "user:" + username, new JsonObject().put("locked", nowLocked), address))
        .compose(nowLocked -> {
          log.info("Failed sign-in from {}{}", address, nowLocked ? " (now locked)" : "");
          return Future.failedFuture(new ApiError(401, INVALID));
        });
  }

  /** The session is handed out only once the forgiven failures and the sign-in's entry are committed together. */
  private Future<JsonObject> signIn(RoutingContext ctx, Principal principal, String address) {
    return throttle.succeeded(principal.username(), tx -> audit.record(tx, principal.username(), "login.succeeded",
            "user:" + principal.username(), new JsonObject().put("role", principal.role()), address))
        .map(v -> {
          Sessions.signIn(ctx, principal);
          log.info("{} signed in as {}", principal.username(), principal.role());
          return principal.toJson();
        });
  }

  /** The session lives outside the database: its end is audited first, as an effect, then made. */
  private Future<JsonObject> logout(RoutingContext ctx) {
    Principal who = Principal.of(ctx);
    return audit.record(ctx, "logout", "user:" + who.username(), null)
        .recover(err -> Future.failedFuture(new ApiError(503, AUDIT_AWAY)))
        .compose(v -> sessions.signOut(ctx))
        .map(v -> new JsonObject().put("ok", true));
  }

  private static ApiError locked(long remainingMs) {
    long minutes = Math.max(1, (remainingMs + 59_999) / 60_000);
    return new ApiError(429, "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam " + minutes
        + " menit (too many failed sign-ins; try again in " + minutes + " min)");
  }
}
