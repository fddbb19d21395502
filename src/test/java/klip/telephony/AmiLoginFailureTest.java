package klip.telephony;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import klip.pbx.PbxConfig;
import klip.pbx.SimulatedPbx;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server configured for an external Asterisk (KLIP_AMI_HOST) with a wrong secret: it still starts, says
 * DOWN on /health with the reason, and keeps retrying the login with backoff.
 */
class AmiLoginFailureTest {

  @Test
  @DisplayName("A refused AMI login is a DOWN health check with the reason, and the login is retried")
  void wrongSecret() throws Exception {
    Vertx pbxVertx = Vertx.vertx();
    SimulatedPbx asterisk = new SimulatedPbx(pbxVertx, PbxConfig.defaults().withCredentials("klip", "right-secret")
        .withRecordingsDir(Files.createTempDirectory("klip-rec")).fast());
    int port = asterisk.start().await(10, TimeUnit.SECONDS);
    try (TestServer server = TestServer.start(new JsonObject().put("KLIP_AMI_HOST", "127.0.0.1")
        .put("KLIP_AMI_PORT", port).put("KLIP_AMI_SECRET", "wrong-secret").put("KLIP_AMI_RECONNECT_MAX_MS", 400),
        false)) {
      HttpSession anyone = HttpSession.anonymous(server.vertx, server.port());
      // Three Login actions reaching the PBX prove the retry (each await fails the test if none comes).
      for (int login = 0; login < 3; login++) {
        asterisk.nextAction("Login").await(20, TimeUnit.SECONDS);
      }
      HttpResponse<Buffer> health = anyone.get("/health");
      assertThat(health.statusCode()).isEqualTo(503);
      JsonObject ami = health.bodyAsJsonObject().getJsonObject("checks").getJsonObject("ami");
      assertThat(ami.getString("status")).isEqualTo("DOWN");
      assertThat(ami.getString("detail")).contains("login").contains("127.0.0.1:" + port);
      assertThat(health.bodyAsJsonObject().getJsonObject("checks").getJsonObject("database").getString("status"))
          .isEqualTo("UP");
    } finally {
      asterisk.stop().await(5, TimeUnit.SECONDS);
      pbxVertx.close().await(5, TimeUnit.SECONDS);
    }
  }
}
