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
 * The server runs its own PostgreSQL: while the postmaster is gone the API says 503 with Retry-After (the request
 * was fine, the database is away), and the server restarts it without help, after which the same requests succeed.
 * Two tests, because a supervisor that restarts within milliseconds leaves no moment a test could rely on to see
 * the 503: the first holds the database away with supervision off, the second awaits the restart.
 */
class PostgresSupervisionTest {

  private static final String TICKETS = "/api/tickets?phone=085711223344";

  @TempDir
  Path dataDir;

  @Test
  @DisplayName("While the embedded PostgreSQL is gone the API answers 503 with Retry-After and /health says DOWN")
  void databaseAwayIs503() throws Exception {
    try (Database database = Database.open(new AppConfig.Database(null, "klip", "", 4), dataDir)) {
      TestServer ts = TestServer.start(new JsonObject().put("KLIP_DB_SUPERVISE_MS", 0), database);
      try {
        HttpSession agent = ts.login("agent1");
        assertThat(agent.get(TICKETS).statusCode()).isEqualTo(200);

        kill(database);

        HttpResponse<Buffer> away = agent.get(TICKETS);
        assertThat(away.statusCode()).as(away.bodyAsString()).isEqualTo(503);
        assertThat(away.getHeader("Retry-After")).isEqualTo("5");
        assertThat(away.bodyAsJsonObject().getString("error")).contains("Basis data sedang tidak tersedia");
        HttpResponse<Buffer> health = agent.get("/health");
        assertThat(health.statusCode()).as(health.bodyAsString()).isEqualTo(503);
        assertThat(health.bodyAsJsonObject().getJsonObject("checks").getJsonObject("database").getString("status"))
            .isEqualTo("DOWN");

        // What the supervisor would do; the pool reconnects on its own.
        database.embeddedServer().restart();
        assertThat(agent.get(TICKETS).statusCode()).isEqualTo(200);
      } finally {
        ts.close();
      }
    }
  }

  @Test
  @DisplayName("A killed embedded PostgreSQL is restarted by the server, and the API and /health are back")
  void killedPostgresIsRestarted() throws Exception {
    try (Database database = Database.open(new AppConfig.Database(null, "klip", "", 4), dataDir)) {
      TestServer ts = TestServer.start(new JsonObject().put("KLIP_DB_SUPERVISE_MS", 200), database);
      try {
        HttpSession agent = ts.login("agent1");
        assertThat(agent.get(TICKETS).statusCode()).isEqualTo(200);
        Promise<JsonObject> down = Promise.promise();
        Promise<JsonObject> restarted = Promise.promise();
        ts.vertx.eventBus().<JsonObject>consumer(Addresses.DATABASE_STATUS, m -> {
          (m.body().getBoolean("restarted", false) ? restarted : down).tryComplete(m.body());
        }).completion().await(5, TimeUnit.SECONDS);

        long oldPid = kill(database);

        down.future().await(30, TimeUnit.SECONDS);
        JsonObject back = restarted.future().await(60, TimeUnit.SECONDS);
        assertThat(back.getLong("pid")).isNotEqualTo(oldPid).isPositive();

        assertThat(agent.get(TICKETS).statusCode()).isEqualTo(200);
        HttpResponse<Buffer> health = agent.get("/health");
        assertThat(health.statusCode()).as(health.bodyAsString()).isEqualTo(200);
        assertThat(health.bodyAsJsonObject().getJsonObject("checks").getJsonObject("database").getString("status"))
            .isEqualTo("UP");
      } finally {
        ts.close();
      }
    }
  }

  /** Kills the postmaster as kill -9 would and waits for it to be gone; its pid. */
  private static long kill(Database database) throws Exception {
    ProcessHandle postmaster = ProcessHandle.of(database.embeddedServer().postmasterPid()).orElseThrow();
    postmaster.destroyForcibly();
    postmaster.onExit().get(30, TimeUnit.SECONDS);
    return postmaster.pid();
  }
}
