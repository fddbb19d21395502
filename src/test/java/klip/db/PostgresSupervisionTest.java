package klip.db;

import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import klip.Addresses;
import klip.config.AppConfig;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server runs its own PostgreSQL: when the postmaster dies, the API says 503 with Retry-After (the request
 * was fine, the database is away), the server restarts it without help, and the same requests succeed again.
 */
class PostgresSupervisionTest {

  @TempDir
  Path dataDir;

  @Test
  @DisplayName("A killed embedded PostgreSQL means 503 with Retry-After, then it is restarted and /health is UP")
  void killedPostgresIsRestarted() throws Exception {
    try (Database database = Database.open(new AppConfig.Database(null, "klip", "", 4), dataDir)) {
      TestServer ts = TestServer.start(new JsonObject().put("KLIP_DB_SUPERVISE_MS", 200), database);
      try {
        HttpSession agent = ts.login("agent1");
        assertThat(agent.get("/api/tickets?phone=085711223344").statusCode()).isEqualTo(200);
        Promise<JsonObject> down = Promise.promise();
        Promise<JsonObject> restarted = Promise.promise();
        ts.vertx.eventBus().<JsonObject>consumer(Addresses.DATABASE_STATUS, m -> {
          (m.body().getBoolean("restarted", false) ? restarted : down).tryComplete(m.body());
        }).completion().await(5, TimeUnit.SECONDS);

        ProcessHandle postmaster = ProcessHandle.of(database.embeddedServer().postmasterPid()).orElseThrow();
        postmaster.destroyForcibly();
        postmaster.onExit().get(30, TimeUnit.SECONDS);

        HttpResponse<Buffer> away = agent.get("/api/tickets?phone=085711223344");
        assertThat(away.statusCode()).as(away.bodyAsString()).isEqualTo(503);
        assertThat(away.getHeader("Retry-After")).isEqualTo("5");
        assertThat(away.bodyAsJsonObject().getString("error")).contains("database unavailable");

        down.future().await(30, TimeUnit.SECONDS);
        JsonObject back = restarted.future().await(60, TimeUnit.SECONDS);
        assertThat(back.getLong("pid")).isNotEqualTo(postmaster.pid()).isPositive();

        assertThat(agent.get("/api/tickets?phone=085711223344").statusCode()).isEqualTo(200);
        HttpResponse<Buffer> health = agent.get("/health");
        assertThat(health.statusCode()).as(health.bodyAsString()).isEqualTo(200);
        assertThat(health.bodyAsJsonObject().getJsonObject("checks").getJsonObject("database").getString("status"))
            .isEqualTo("UP");
      } finally {
        ts.close();
      }
    }
  }
}
