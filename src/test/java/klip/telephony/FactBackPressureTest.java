package klip.telephony;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.pbx.CallScenario;
import klip.support.BusRecorder;
import klip.support.DatabaseOutage;
import klip.support.Eventually;
import klip.support.HttpSession;
import klip.support.Sql;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the database away, call facts pile up; when a consumer holds as many as it may, the server stops reading
 * from Asterisk instead of holding more, and once the database is back and the backlog has drained it reads
 * again, resynchronises and reconciles: no ticket is left ringing or connected.
 */
class FactBackPressureTest {

  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(new JsonObject().put("KLIP_FACT_BACKLOG_ALERT", 2).put("KLIP_FACT_BACKLOG_MAX", 6));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  @DisplayName("A full backlog pauses AMI reading (health says why); when the database is back reading resumes "
      + "with a resync, and every ticket ends")
  void fullBacklogPausesReading() throws Exception {
    try (BusRecorder status = new BusRecorder(server.vertx, Addresses.AMI_STATUS)) {
      List<Future<String>> plays = new ArrayList<>();
      try (DatabaseOutage outage = DatabaseOutage.begin(server.database)) {
        for (int i = 0; i < 6; i++) {
          String agent = i % 2 == 0 ? "agent1" : "agent2";
          plays.add(server.pbx().play(CallScenario.answered(String.format("0814000000%02d", i), "Penelepon " + i,
              "Local/" + agent + "@agents/n", agent)));
        }
        status.awaitMatching(s -> !s.getBoolean("up"), 30_000);
        JsonObject health = HttpSession.anonymous(server.vertx, server.port()).get("/health").bodyAsJsonObject()
            .getJsonObject("checks");
        assertThat(health.getJsonObject("ami").getString("status")).isEqualTo("DOWN");
        assertThat(health.getJsonObject("ami").getString("detail"))
            .contains("paused");
        assertThat(health.getJsonObject("callFacts").getString("status")).isEqualTo("DEGRADED");
        for (Future<String> play : plays) {
          play.await(30, TimeUnit.SECONDS);
        }
      }
      status.awaitMatching(s -> s.getBoolean("up"), 60_000);
    }
    Eventually.until("every ticket ended and every backlog drained", 30_000,
        () -> Sql.rows(server.server.pool(),
            "SELECT count(*) AS open FROM tickets WHERE call_status IN ('ringing', 'connected')").get(0),
        r -> r.getLong("open") == 0 && server.server.backlogs().health().getJsonObject("consumers").stream()
            .allMatch(e -> ((JsonObject) e.getValue()).getInteger("pending") == 0));
    assertThat(Sql.rows(server.server.pool(), "SELECT count(*) AS n FROM tickets").get(0).getLong("n"))
        .as("the calls whose ring was read before the pause have their tickets").isPositive();
  }
}
