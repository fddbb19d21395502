package klip.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A small but real OpenID Connect provider over HTTP for tests: discovery, JWKS, an authorization endpoint that
 * signs in whoever {@link #signInAs} names at once, and a token endpoint that checks the code and PKCE and issues
 * RS256-signed ID and access tokens.
 */
public final class FakeOidcProvider implements AutoCloseable {

  public static final String CLIENT_ID = "klip-test";
  public static final String CLIENT_SECRET = "klip-test-secret";

  private final HttpServer server;
  private final KeyPair keys;
  private final Map<String, JsonObject> codes = new ConcurrentHashMap<>();
  private volatile String user = "agent1";

  private FakeOidcProvider(HttpServer server, KeyPair keys) {
    this.server = server;
    this.keys = keys;
  }

  public static FakeOidcProvider start(Vertx vertx) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    FakeOidcProvider[] self = new FakeOidcProvider[1];
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.get("/.well-known/openid-configuration").handler(ctx -> self[0].discovery(ctx));
    router.get("/jwks").handler(ctx -> self[0].jwks(ctx));
    router.get("/authorize").handler(ctx -> self[0].authorize(ctx));
    router.post("/token").handler(ctx -> self[0].token(ctx));
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .await(10, TimeUnit.SECONDS);
    self[0] = new FakeOidcProvider(server, keys);
    return self[0];
  }

  public String issuer() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The provider's user for the next sign-in (the value of preferred_username). */
  public void signInAs(String username) {
    this.user = username;
  }

  private void discovery(RoutingContext ctx) {
    json(ctx, new JsonObject().put("issuer", issuer()).put("authorization_endpoint", issuer() + "/authorize")
        .put("token_endpoint", issuer() + "/token").put("jwks_uri", issuer() + "/jwks")
        .put("response_types_supported", new JsonArray().add("code"))
        .put("subject_types_supported", new JsonArray().add("public"))
        .put("id_token_signing_alg_values_supported", new JsonArray().add("RS256")));
  }

  private void jwks(RoutingContext ctx) {
    RSAPublicKey key = (RSAPublicKey) keys.getPublic();
    json(ctx, new JsonObject().put("keys", new JsonArray().add(new JsonObject().put("kty", "RSA").put("kid", "k1")
        .put("use", "sig").put("alg", "RS256").put("n", b64(unsigned(key.getModulus())))
        .put("e", b64(unsigned(key.getPublicExponent()))))));
  }

  private void authorize(RoutingContext ctx) {
    String code = UUID.randomUUID().toString();
    codes.put(code, new JsonObject().put("user", user).put("nonce", ctx.queryParams().get("nonce"))
        .put("challenge", ctx.queryParams().get("code_challenge"))
        .put("redirect", ctx.queryParams().get("redirect_uri")));
    String location = ctx.queryParams().get("redirect_uri") + "?code=" + code + "&state="
        + URLEncoder.encode(ctx.queryParams().get("state"), StandardCharsets.UTF_8);
    ctx.response().setStatusCode(302).putHeader("Location", location).end();
  }

  private void token(RoutingContext ctx) {
    JsonObject grant = codes.remove(String.valueOf(ctx.request().getFormAttribute("code")));
    String verifier = ctx.request().getFormAttribute("code_verifier");
    if (grant == null || verifier == null || !grant.getString("challenge").equals(s256(verifier))
        || !grant.getString("redirect").equals(ctx.request().getFormAttribute("redirect_uri"))) {
      ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("error", "invalid_grant").encode());
      return;
    }
    long now = System.currentTimeMillis() / 1000;
    JsonObject claims = new JsonObject().put("iss", issuer()).put("aud", CLIENT_ID).put("sub", "sub-" + grant
        .getString("user")).put("iat", now).put("exp", now + 300).put("preferred_username", grant.getString("user"));
    json(ctx, new JsonObject().put("token_type", "Bearer").put("expires_in", 300)
        .put("access_token", jwt(claims.copy()))
        .put("id_token", jwt(claims.copy().put("nonce", grant.getString("nonce")))));
  }

  private String jwt(JsonObject claims) {
    String header = b64(new JsonObject().put("alg", "RS256").put("typ", "JWT").put("kid", "k1").encode()
        .getBytes(StandardCharsets.UTF_8));
    String body = b64(claims.encode().getBytes(StandardCharsets.UTF_8));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(keys.getPrivate());
      rsa.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
      return header + "." + body + "." + b64(rsa.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }

  private static String s256(String verifier) {
    try {
      return b64(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public void close() {
    server.close();
  }
}
