package klip.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import klip.access.Principal;
import klip.audit.AuditLog;
import klip.http.ClientAddress;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Sign-in through OpenID Connect (authorization code flow with PKCE, state and nonce). The provider is discovered
 * at start-up and again on the next sign-in if it was unreachable. The pending sign-in is bound to the browser by
 * a SameSite=Lax cookie, because the session cookie (SameSite=Strict) does not come back on the provider's
 * cross-site redirect. Pending sign-ins are rows in PostgreSQL, so the provider's callback may reach any node.
 */
public final class OidcApi implements HttpApi {

  private static final Logger log = LoggerFactory.getLogger(OidcApi.class);
  private static final String BINDING_COOKIE = "klip.oidc";
  private static final long PENDING_MS = 10 * 60_000L;
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Pending(String binding, String nonce, String verifier, String redirectUri, long createdAt) {
  }

  private final Vertx vertx;
  private final OidcSettings settings;
  private final AgentDirectory directory;
  private final AuditLog audit;
  private final Pool pool;
  private Future<OAuth2Auth> provider;

  public OidcApi(Vertx vertx, Pool pool, OidcSettings settings, AgentDirectory directory, AuditLog audit) {
    this.vertx = vertx;
    this.pool = pool;
    this.settings = settings;
    this.directory = directory;
    this.audit = audit;
  }

  /** Discovers the provider; a failure is logged and retried at the next sign-in, password sign-in still works. */
  public Future<Void> discover() {
    return provider().<Void>mapEmpty().otherwise(err -> {
      log.error("OpenID Connect provider {} not reachable yet: {}", settings.issuer(), err.getMessage());
      return null;
    });
  }

  private synchronized Future<OAuth2Auth> provider() {
    if (provider == null || provider.failed()) {
      provider = OpenIDConnectAuth.discover(vertx, new OAuth2Options().setSite(settings.issuer())
          .setClientId(settings.clientId()).setClientSecret(settings.clientSecret()));
    }
    return provider;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/oidc", ctx -> Future.succeededFuture(new JsonObject().put("enabled", true)));
    routes.raw(HttpMethod.GET, "/oidc/login", this::start);
    routes.raw(HttpMethod.GET, "/oidc/callback", RequestSchema.none()
        .query("state", Fields.text(200)).query("code", Fields.text(4000)), this::callback);
  }

  private void start(RoutingContext ctx) {
    String state = randomToken();
    Pending p = new Pending(randomToken(), randomToken(), randomToken(), redirectUri(ctx), System.currentTimeMillis());
    provider().compose(oauth2 -> remember(state, p).map(oauth2)).onFailure(err -> {
      log.warn("OpenID Connect sign-in not started: {}", err.getMessage());
      redirect(ctx, "/?sso=unavailable");
    }).onSuccess(oauth2 -> {
      String binding = p.binding();
      String url = oauth2.authorizeURL(new OAuth2AuthorizationURL().setRedirectUri(p.redirectUri())
          .setScopes(List.of("openid", "profile")).setState(state).setCodeChallenge(s256(p.verifier()))
          .setCodeChallengeMethod("S256").putAdditionalParameter("nonce", p.nonce()));
      ctx.response().addCookie(Cookie.cookie(BINDING_COOKIE, binding).setPath("/api/oidc").setHttpOnly(true)
          .setSameSite(CookieSameSite.LAX).setSecure(ClientAddress.secure(ctx)).setMaxAge(PENDING_MS / 1000));
      redirect(ctx, url);
    });
  }

  private void callback(RoutingContext ctx) {
    String state = RequestInput.of(ctx).query("state");
    String code = RequestInput.of(ctx).query("code");
    Cookie binding = ctx.request().getCookie(BINDING_COOKIE);
    (state == null ? Future.<Pending>succeededFuture(null) : take(state)).onFailure(err -> fail(ctx,
        "pending sign-in not readable: " + err.getMessage(), null)).onSuccess(p -> {
      if (p == null || code == null || binding == null || !binding.getValue().equals(p.binding())
          || System.currentTimeMillis() - p.createdAt() > PENDING_MS) {
        fail(ctx, "state", null);
        return;
      }
      exchange(ctx, code, p);
    });
  }

  /** Stores a pending sign-in, first sweeping those older than {@link #PENDING_MS}. */
  private Future<Void> remember(String state, Pending p) {
    return pool.preparedQuery("DELETE FROM oidc_pending WHERE created_at < $1")
        .execute(Tuple.of(p.createdAt() - PENDING_MS))
        .compose(v -> pool.preparedQuery("INSERT INTO oidc_pending (state, binding, nonce, verifier, redirect_uri, "
            + "created_at) VALUES ($1, $2, $3, $4, $5, $6)").execute(Tuple.of(state, p.binding(), p.nonce(),
            p.verifier(), p.redirectUri(), p.createdAt())))
        .mapEmpty();
  }

  /** The pending sign-in of {@code state}, taken: a second callback with the same state finds nothing. */
  private Future<Pending> take(String state) {
    return pool.preparedQuery("DELETE FROM oidc_pending WHERE state = $1 "
            + "RETURNING binding, nonce, verifier, redirect_uri, created_at").execute(Tuple.of(state))
        .map(rows -> {
          if (!rows.iterator().hasNext()) {
            return null;
          }
          Row r = rows.iterator().next();
          return new Pending(r.getString("binding"), r.getString("nonce"), r.getString("verifier"),
              r.getString("redirect_uri"), r.getLong("created_at"));
        });
  }

  private void exchange(RoutingContext ctx, String code, Pending p) {
    provider()
        .compose(oauth2 -> oauth2.authenticate(new Oauth2Credentials().setFlow(OAuth2FlowType.AUTH_CODE)
            .setCode(code).setRedirectUri(p.redirectUri()).setCodeVerifier(p.verifier())))
        .onFailure(err -> fail(ctx, "token: " + err.getMessage(), null))
        .onSuccess(user -> signIn(ctx, user, p));
  }

  private void signIn(RoutingContext ctx, User user, Pending p) {
    JsonObject claims = user.attributes().getJsonObject("idToken", new JsonObject());
    if (!p.nonce().equals(claims.getString("nonce"))) {
      fail(ctx, "nonce", null);
      return;
    }
    String username = claims.getString(settings.usernameClaim());
    Principal principal = username == null ? null : directory.byUsername(username).orElse(null);
    if (principal == null) {
      fail(ctx, "no active KLIP user for claim " + settings.usernameClaim(), username);
      return;
    }
    // The session lives outside the database: the sign-in is audited first and made only once that is committed.
    audit.record(principal.username(), "login.sso.succeeded", "user:" + principal.username(),
            new JsonObject().put("issuer", settings.issuer()).put("role", principal.role()), ClientAddress.of(ctx))
        .onSuccess(v -> {
          Sessions.signIn(ctx, principal);
          redirect(ctx, "/");
        })
        .onFailure(err -> {
          log.warn("SSO sign-in of {} not made: its audit entry could not be stored ({})", username, err.toString());
          redirect(ctx, "/?sso=failed");
        });
  }

  private void fail(RoutingContext ctx, String why, String username) {
    log.info("SSO sign-in refused from {}: {}", ClientAddress.of(ctx), why);
    audit.record("anonymous", "login.sso.failed", "user:" + (username == null ? "" : username),
        new JsonObject().put("reason", why.length() > 200 ? why.substring(0, 200) : why), ClientAddress.of(ctx))
        .onComplete(v -> redirect(ctx, "/?sso=failed"));
  }

  private String redirectUri(RoutingContext ctx) {
    if (settings.redirectUri() != null) {
      return settings.redirectUri();
    }
    return (ClientAddress.secure(ctx) ? "https://" : "http://") + ctx.request().authority() + "/api/oidc/callback";
  }

  private static void redirect(RoutingContext ctx, String location) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(302).putHeader("Location", location).end();
    }
  }

  private static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String s256(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
