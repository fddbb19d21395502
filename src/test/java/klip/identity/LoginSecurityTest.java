package klip.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.sstore.LocalSessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import klip.support.Eventually;
import klip.support.HttpSession;
import klip.support.Sql;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Sign-in hardening against the running server: lock-out per user name and per address, no user enumeration,
 * CSRF refusal, Secure cookies behind a trusted TLS proxy, and idle and absolute session expiry. The server
 * trusts 127.0.0.1 as a proxy, so each test speaks from its own X-Forwarded-For address.
 */
class LoginSecurityTest {

  private static final long IDLE_MS = 1200;
  private static final long MAX_MS = 4000;
  private static TestServer ts;
  private static WebClient client;

  @BeforeAll
  static void start() {
    ts = TestServer.start(new JsonObject()
        .put("KLIP_LOGIN_MAX_FAILURES", 3)
        .put("KLIP_LOGIN_MAX_FAILURES_PER_ADDRESS", 6)
        .put("KLIP_TRUSTED_PROXIES", "127.0.0.1")
        .put("KLIP_SESSION_IDLE_MS", IDLE_MS)
        .put("KLIP_SESSION_MAX_MS", MAX_MS));
    client = WebClient.create(ts.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(ts.port()));
  }

  @AfterAll
  static void stop() {
    ts.close();
  }

  private static HttpResponse<Buffer> login(String from, String username, String password) throws Exception {
    return client.post("/api/login").putHeader("X-Requested-With", "klip").putHeader("X-Forwarded-For", from)
        .sendJsonObject(new JsonObject().put("username", username).put("password", password))
        .await(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("A user name is locked after three failures, with the same answer whether or not the user exists")
  void lockOutPerUserDoesNotEnumerate() throws Exception {
    List<String> known = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      HttpResponse<Buffer> k = login("10.0.1." + i, "agent2", "wrong-" + i);
      HttpResponse<Buffer> u = login("10.0.2." + i, "ghost-user", "wrong-" + i);
      assertThat(k.statusCode()).isEqualTo(401);
      assertThat(u.statusCode()).isEqualTo(401);
      known.add(k.bodyAsString());
      unknown.add(u.bodyAsString());
    }
    assertThat(known).isEqualTo(unknown);
    HttpResponse<Buffer> lockedKnown = login("10.0.1.9", "agent2", "klip-agent2");
    HttpResponse<Buffer> lockedUnknown = login("10.0.2.9", "ghost-user", "klip-agent2");
    assertThat(lockedKnown.statusCode()).isEqualTo(429);
    assertThat(lockedUnknown.statusCode()).isEqualTo(429);
    assertThat(lockedKnown.bodyAsString()).isEqualTo(lockedUnknown.bodyAsString())
        .contains("Coba lagi dalam 15 menit");
    // Another user from the same addresses is not affected by agent2's lock.
    assertThat(login("10.0.1.9", "editor1", "klip-editor1").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("An address is locked after six failures across user names, even for a correct password")
  void lockOutPerAddress() throws Exception {
    for (int i = 0; i < 6; i++) {
      assertThat(login("10.0.3.1", "someone-" + i, "wrong").statusCode()).isEqualTo(401);
    }
    assertThat(login("10.0.3.1", "qa1", "klip-qa1").statusCode()).isEqualTo(429);
    assertThat(login("10.0.3.2", "qa1", "klip-qa1").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("A lock-out counted by one node holds on another node of the same database, and survives a restart")
  void lockOutIsSharedByEveryNode() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(login("10.0.4." + i, "tl1", "wrong-" + i).statusCode()).isEqualTo(401);
    }
    // Another node of the same database: it stands by for the AMI connection, so its start does not wait for one.
    try (TestServer other = TestServer.start(new JsonObject().put("KLIP_TRUSTED_PROXIES", "127.0.0.1"), ts.database,
        false)) {
      HttpResponse<Buffer> elsewhere = WebClient.create(other.vertx).post(other.port(), "127.0.0.1", "/api/login")
          .putHeader("X-Requested-With", "klip").putHeader("X-Forwarded-For", "10.0.4.9")
          .sendJsonObject(new JsonObject().put("username", "tl1").put("password", "klip-tl1"))
          .await(30, TimeUnit.SECONDS);
      assertThat(elsewhere.statusCode()).isEqualTo(429);
      assertThat(elsewhere.bodyAsString()).contains("Coba lagi dalam 15 menit");
    }
  }

  @Test
  @DisplayName("A failed sign-in for an unknown user pays for the same Argon2id check as for a known one")
  void unknownUserCostsTheSame() throws Exception {
    assertThat(login("10.0.4.1", "tl1", "not-it").statusCode()).isEqualTo(401);
    assertThat(login("10.0.5.1", "nobody-1", "not-it").statusCode()).isEqualTo(401);
    // Same answer after the same work: an unknown name is checked against a hash with the parameters (memory,
    // iterations, parallelism) of the stored ones, so no user can be found by timing the sign-in.
    String stored = Sql.rows(ts.server.pool(), "SELECT password_hash FROM users WHERE username = 'tl1'").get(0)
        .getString("password_hash");
    assertThat(argon2Parameters(UserDirectory.DUMMY_HASH)).isEqualTo(argon2Parameters(stored));
  }

  /** "$argon2id$v=19$m=...,t=...,p=...$salt$hash" without its salt and hash. */
  private static String argon2Parameters(String phc) {
    String[] parts = phc.split("\\$");
    assertThat(parts).hasSize(6);
    return parts[1] + "$" + parts[2] + "$" + parts[3];
  }

  @Test
  @DisplayName("Writes without the X-Requested-With header or from another origin are refused (CSRF)")
  void csrf() throws Exception {
    HttpSession s = ts.login("agent1");
    HttpResponse<Buffer> bare = client.post("/api/logout").putHeader("Cookie", s.cookie()).send()
        .await(10, TimeUnit.SECONDS);
    assertThat(bare.statusCode()).isEqualTo(403);
    assertThat(bare.bodyAsJsonObject().getString("error")).contains("X-Requested-With");
    HttpResponse<Buffer> crossSite = client.post("/api/logout").putHeader("Cookie", s.cookie())
        .putHeader("X-Requested-With", "klip").putHeader("Origin", "https://evil.example").send()
        .await(10, TimeUnit.SECONDS);
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(s.get("/api/me").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("The session cookie is HttpOnly and SameSite=Strict, and Secure behind a trusted TLS proxy")
  void cookieFlags() throws Exception {
    HttpResponse<Buffer> plain = login("10.0.6.1", "tl1", "klip-tl1");
    String plainCookie = sessionCookie(plain);
    assertThat(plainCookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure");
    HttpResponse<Buffer> tls = client.post("/api/login").putHeader("X-Requested-With", "klip")
        .putHeader("X-Forwarded-For", "10.0.6.2").putHeader("X-Forwarded-Proto", "https")
        .sendJsonObject(new JsonObject().put("username", "tl1").put("password", "klip-tl1"))
        .await(30, TimeUnit.SECONDS);
    assertThat(sessionCookie(tls)).contains("Secure").containsIgnoringCase("HttpOnly");
    assertThat(tls.getHeader("Strict-Transport-Security")).startsWith("max-age=");
    assertThat(plain.getHeader("Strict-Transport-Security")).isNull();
    assertThat(plain.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(plain.getHeader("Content-Security-Policy")).contains("script-src 'self'");
  }

  private static String sessionCookie(HttpResponse<Buffer> response) {
    return response.cookies().stream().filter(c -> c.startsWith("klip.session=")).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("A user changes their own password with the current one as proof")
  void ownPassword() throws Exception {
    HttpSession s = ts.login("eskalasi1");
    assertThat(s.post("/api/me/password", new JsonObject().put("currentPassword", "wrong")
        .put("newPassword", "eskalasi-baru-2026")).statusCode()).isEqualTo(403);
    assertThat(s.post("/api/me/password", new JsonObject().put("currentPassword", "klip-eskalasi1")
        .put("newPassword", "pendek")).statusCode()).isEqualTo(400);
    assertThat(s.post("/api/me/password", new JsonObject().put("currentPassword", "klip-eskalasi1")
        .put("newPassword", "eskalasi-baru-2026")).statusCode()).isEqualTo(200);
    assertThat(login("10.0.7.1", "eskalasi1", "klip-eskalasi1").statusCode()).isEqualTo(401);
    assertThat(login("10.0.7.2", "eskalasi1", "eskalasi-baru-2026").statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("Anonymous requests create no stored session (no memory to fill by flooding)")
  void noSessionForAnonymous() throws Exception {
    for (String path : List.of("/health", "/", "/api/me", "/api/tickets")) {
      HttpResponse<Buffer> r = client.get(path).send().await(10, TimeUnit.SECONDS);
      assertThat(r.cookies()).as(path).noneMatch(c -> c.startsWith("klip.session="));
    }
    HttpResponse<Buffer> forged = client.get("/api/me").putHeader("Cookie", "klip.session=0123456789abcdef0123")
        .send().await(10, TimeUnit.SECONDS);
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.cookies()).as("forged cookie").noneMatch(c -> c.matches("klip\\.session=[^;]+;.*")
        && !c.contains("Max-Age=0"));
  }

  @Test
  @DisplayName("Sign-out ends the session at once")
  void logout() {
    HttpSession s = ts.login("agent1");
    assertThat(s.post("/api/logout", null).statusCode()).isEqualTo(200);
    assertThat(s.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("A session ends after the absolute limit however busy it is, and after the idle limit unused")
  void sessionExpiry() {
    // Taken before the sign-in, so the bound below holds however long the sign-in's answer took.
    long start = System.currentTimeMillis();
    HttpSession busy = ts.login("qa1");
    long deadline = start + MAX_MS + 30_000;
    int status = 200;
    while (status == 200 && System.currentTimeMillis() < deadline) {
      status = busy.get("/api/me").statusCode();
    }
    long lasted = System.currentTimeMillis() - start;
    assertThat(status).isEqualTo(401);
    assertThat(lasted).as("not ended before the absolute limit").isGreaterThanOrEqualTo(MAX_MS);

    HttpSession idle = ts.login("editor1");
    long beforeLastUse = System.currentTimeMillis();
    assertThat(idle.get("/api/me").statusCode()).isEqualTo(200);
    // Nothing may touch the session meanwhile, so the session store (a local map) is watched instead of the
    // API: the store's reaper removes the session once it has idled out, and signals nothing.
    String id = idle.cookie().replaceAll(".*klip\\.session=([^;]*).*", "$1");
    LocalMap<String, Object> store = ts.vertx.sharedData().getLocalMap(LocalSessionStore.DEFAULT_SESSION_MAP_NAME);
    assertThat(store.containsKey(id)).as("the signed-in session in the store").isTrue();
    Eventually.until("the idle session reaped", IDLE_MS + 30_000, () -> store.containsKey(id), present -> !present);
    assertThat(System.currentTimeMillis() - beforeLastUse).as("not ended before the idle limit")
        .isGreaterThanOrEqualTo(IDLE_MS);
    assertThat(idle.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  @DisplayName("Outside demo mode the server refuses to start without an administrator, and demo passwords are off")
  void productionStart() {
    assertThatThrownBy(() -> TestServer.start(productionSettings()))
        .hasMessageContaining("KLIP_ADMIN_PASSWORD");
    try (TestServer prod = TestServer.start(productionSettings().put("KLIP_ADMIN_PASSWORD", "a-long-admin-secret"))) {
      assertThatThrownBy(() -> prod.login("agent1")).hasMessageContaining("401");
      HttpSession admin = HttpSession.login(prod.vertx, prod.port(), "admin", "a-long-admin-secret");
      assertThat(admin.get("/api/me").bodyAsJsonObject().getString("role")).isEqualTo("admin");
    }
  }

  /** Outside demo mode the demo directorate inbox and the demo AMI secret are refused: a production-like setup. */
  private static JsonObject productionSettings() {
    return new JsonObject().put("KLIP_DEMO", "false").put("KLIP_DIRECTORATE_CHANNEL", "webhook")
        .put("KLIP_DIRECTORATE_WEBHOOK_URL", "http://127.0.0.1:9/directorate").put("KLIP_AMI_SECRET", "a-pbx-secret");
  }
}
