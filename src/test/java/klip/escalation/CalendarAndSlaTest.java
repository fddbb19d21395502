package klip.escalation;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.support.HttpSession;
import klip.support.TestServer;
import klip.support.TestTickets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class CalendarAndSlaTest {

  private static TestServer ts;

  @BeforeAll
  static void start() {
    ts = TestServer.start();
  }

  @AfterAll
  static void stop() {
    ts.close();
  }

  @Test
  @DisplayName("The calendar is seeded from the data file on first start; an admin's new day off moves deadlines at once")
  void adminEditsCalendar() {
    HttpSession admin = ts.login("admin");
    JsonArray days2026 = admin.get("/api/calendar/days?year=2026").bodyAsJsonArray();
    assertThat(days2026).hasSize(25);
    assertThat(days2026.stream().map(o -> (JsonObject) o).filter(d -> d.getString("kind").equals("cuti_bersama")))
        .hasSize(8);
    String thursday = "/api/calendar/deadline?receivedAt=2026-04-09T03:00:00Z";
    assertThat(admin.get(thursday).bodyAsJsonObject().getString("deadlineLocal")).isEqualTo("2026-04-10T17:00");

    var put = admin.put("/api/calendar/days/2026-04-10", new JsonObject().put("name", "Libur daerah (uji)")
        .put("kind", "holiday"));
    assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
    assertThat(admin.get(thursday).bodyAsJsonObject().getString("deadlineLocal")).isEqualTo("2026-04-13T17:00");
    assertThat(admin.send(HttpMethod.DELETE, "/api/calendar/days/2026-04-10", null).statusCode()).isEqualTo(200);
    assertThat(admin.get(thursday).bodyAsJsonObject().getString("deadlineLocal")).isEqualTo("2026-04-10T17:00");

    assertThat(ts.login("agent1").put("/api/calendar/days/2026-04-10", new JsonObject().put("name", "x"))
        .statusCode()).isEqualTo(403);
    assertThat(admin.put("/api/calendar/days/10-04-2026", new JsonObject().put("name", "x")).statusCode())
        .isEqualTo(400);
    assertThat(admin.put("/api/calendar/days/2026-04-10", new JsonObject().put("name", "x").put("kind", "weekend"))
        .statusCode()).isEqualTo(400);
    assertThat(admin.get("/api/calendar/deadline?receivedAt=kemarin").statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName("SLA report: answered during the call counts as on the spot, after hang-up it does not; escalations in time")
  void slaReport() {
    HttpSession agent = ts.login("agent1");
    JsonObject sikp = new JsonObject().put("answer", "Lihat artikel").put("source", "sikp").put("articleId", 3)
        .put("articleVersion", 1);
    long onSpot = TestTickets.connected(ts.server.pool(), "agent1");
    assertThat(agent.post("/api/tickets/" + onSpot + "/transitions", sikp.copy().put("to", "answered").put("version", 1))
        .statusCode()).isEqualTo(200);
    long later = TestTickets.connected(ts.server.pool(), "agent1");
    TestTickets.scalar(ts.server.pool(), "UPDATE tickets SET call_status = 'ended', ended_at = now() - interval '1 minute' "
        + "WHERE id = $1 RETURNING id", later);
    assertThat(agent.post("/api/tickets/" + later + "/transitions", sikp.copy().put("to", "answered").put("version", 1))
        .statusCode()).isEqualTo(200);
    long escalated = TestTickets.connected(ts.server.pool(), "agent1");
    assertThat(agent.post("/api/tickets/" + escalated + "/transitions", new JsonObject().put("to", "escalated")
        .put("version", 1)).statusCode()).isEqualTo(200);

    HttpSession tl = ts.login("tl1");
    long started = System.nanoTime();
    var r = tl.get("/api/reports/sla");
    long ms = (System.nanoTime() - started) / 1_000_000;
    System.out.println("SLA report over HTTP took " + ms + " ms");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject today = r.bodyAsJsonArray().getJsonObject(0);
    assertThat(today.getString("day")).isEqualTo(OffsetDateTime.now(WorkingCalendar.JAKARTA).toLocalDate().toString());
    assertThat(today.getString("team")).isEqualTo("tim-a");
    assertThat(today.getLong("total")).isEqualTo(3L);
    assertThat(today.getLong("answeredOnSpot")).isEqualTo(1L);
    assertThat(today.getDouble("answeredOnSpotShare")).isEqualTo(33.3);
    assertThat(today.getLong("escalated")).isEqualTo(1L);
    assertThat(today.getLong("escalatedInTime")).isEqualTo(1L);
    assertThat(today.getDouble("escalatedInTimeShare")).isEqualTo(100.0);
    assertThat(today.getDouble("medianHandlingSeconds")).isNotNull();
    assertThat(agent.get("/api/reports/sla").statusCode()).isEqualTo(403);
    assertThat(tl.get("/api/reports/sla?from=2026-05-01&to=2026-04-01").statusCode()).isEqualTo(400);

    JsonObject clock = agent.get("/api/tickets/" + escalated + "/sla").bodyAsJsonObject();
    assertThat(clock.getBoolean("open")).isFalse();
    assertThat(clock.getJsonObject("clocks").getString("holding")).isEqualTo("desk");
    assertThat(Instant.parse(clock.getString("deadlineAt"))).isAfter(Instant.now());
  }
}
