package klip.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.TimeUnit;
import klip.support.FakeOidcProvider;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Single sign-on through a real (small) OpenID Connect provider over HTTP: code flow with state, nonce and PKCE. */
class OidcLoginTest {

  @Test
  @DisplayName("SSO signs in the KLIP user named by the claim; an unknown user or a missing browser binding is refused")
  void ssoSignIn() throws Exception {
    Vertx providerVertx = Vertx.vertx();
    try (FakeOidcProvider idp = FakeOidcProvider.start(providerVertx);
         TestServer ts = TestServer.start(new JsonObject().put("KLIP_OIDC_ISSUER", idp.issuer())
             .put("KLIP_OIDC_CLIENT_ID", FakeOidcProvider.CLIENT_ID)
             .put("KLIP_OIDC_CLIENT_SECRET", FakeOidcProvider.CLIENT_SECRET))) {
      WebClient browser = WebClient.create(ts.vertx, new WebClientOptions().setFollowRedirects(false));

      String session = signIn(browser, ts, true);
      assertThat(session).startsWith("klip.session=");
      JsonObject me = browser.getAbs("http://127.0.0.1:" + ts.port() + "/api/me").putHeader("Cookie", session).send()
          .await(10, TimeUnit.SECONDS).bodyAsJsonObject();
      assertThat(me.getString("username")).isEqualTo("agent1");
      assertThat(me.getString("role")).isEqualTo("agent");

      idp.signInAs("stranger");
      assertThat(signIn(browser, ts, true)).isEqualTo("/?sso=failed");
      idp.signInAs("tl1");
      assertThat(signIn(browser, ts, false)).as("no binding cookie: a forged callback").isEqualTo("/?sso=failed");

      HttpSession admin = ts.login("admin");
      assertThat(admin.get("/api/audit?action=login.sso.succeeded").bodyAsString()).contains("user:agent1");
      assertThat(admin.get("/api/audit?action=login.sso.failed").bodyAsJsonArray().size()).isEqualTo(2);
    } finally {
      providerVertx.close();
    }
  }

  @Test
  @DisplayName("A sign-in started on one node completes on another sharing the database, once only")
  void ssoAcrossNodes() throws Exception {
    Vertx providerVertx = Vertx.vertx();
    JsonObject sso = new JsonObject().put("KLIP_OIDC_CLIENT_ID", FakeOidcProvider.CLIENT_ID)
        .put("KLIP_OIDC_CLIENT_SECRET", FakeOidcProvider.CLIENT_SECRET);
    try (FakeOidcProvider idp = FakeOidcProvider.start(providerVertx);
         TestServer first = TestServer.start(sso.copy().put("KLIP_OIDC_ISSUER", idp.issuer()));
         // A standby node for the AMI connection: its start does not wait for one.
         TestServer second = TestServer.start(sso.copy().put("KLIP_OIDC_ISSUER", idp.issuer()), first.database,
             false)) {
      WebClient browser = WebClient.create(first.vertx, new WebClientOptions().setFollowRedirects(false));
      HttpResponse<Buffer> start = browser.getAbs("http://127.0.0.1:" + first.port() + "/api/oidc/login").send()
          .await(10, TimeUnit.SECONDS);
      String binding = start.cookies().stream().filter(c -> c.startsWith("klip.oidc=")).findFirst().orElseThrow();
      HttpResponse<Buffer> atIdp = browser.getAbs(start.getHeader("Location")).send().await(10, TimeUnit.SECONDS);
      String callback = atIdp.getHeader("Location")
          .replace("127.0.0.1:" + first.port() + "/", "127.0.0.1:" + second.port() + "/");
      String cookie = binding.substring(0, binding.indexOf(';'));
      HttpResponse<Buffer> done = browser.getAbs(callback).putHeader("Cookie", cookie).send()
          .await(20, TimeUnit.SECONDS);
      assertThat(done.getHeader("Location")).isEqualTo("/");
      assertThat(done.cookies()).anyMatch(c -> c.startsWith("klip.session="));
      HttpResponse<Buffer> replay = browser.getAbs(callback.replace(":" + second.port() + "/", ":" + first.port() + "/"))
          .putHeader("Cookie", cookie).send().await(20, TimeUnit.SECONDS);
      assertThat(replay.getHeader("Location")).as("the same callback again, on the other node").isEqualTo("/?sso=failed");
    } finally {
      providerVertx.close();
    }
  }

  /** Walks the redirects as a browser would; returns the session cookie, or where a refusal redirected to. */
  private static String signIn(WebClient browser, TestServer ts, boolean keepBinding) throws Exception {
    String base = "http://127.0.0.1:" + ts.port();
    HttpResponse<Buffer> start = browser.getAbs(base + "/api/oidc/login").send().await(10, TimeUnit.SECONDS);
    assertThat(start.statusCode()).isEqualTo(302);
    String binding = start.cookies().stream().filter(c -> c.startsWith("klip.oidc=")).findFirst().orElseThrow();
    HttpResponse<Buffer> atIdp = browser.getAbs(start.getHeader("Location")).send().await(10, TimeUnit.SECONDS);
    assertThat(atIdp.statusCode()).isEqualTo(302);
    var callback = browser.getAbs(atIdp.getHeader("Location"));
    if (keepBinding) {
      callback.putHeader("Cookie", binding.substring(0, binding.indexOf(';')));
    }
    HttpResponse<Buffer> done = callback.send().await(20, TimeUnit.SECONDS);
    assertThat(done.statusCode()).isEqualTo(302);
    if (!"/".equals(done.getHeader("Location"))) {
      return done.getHeader("Location");
    }
    String cookie = done.cookies().stream().filter(c -> c.startsWith("klip.session=")).findFirst().orElseThrow();
    return cookie.substring(0, cookie.indexOf(';'));
  }
}
