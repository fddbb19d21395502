package klip.escalation;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.support.BridgeClient;
import klip.support.Eventually;
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
    // A warning window longer than any deadline: every open ticket is in its warning period at once.
    ts = TestServer.start(new JsonObject().put("KLIP_DEADLINE_WARNING_MIN", 200_000).put("KLIP_DEADLINE_CHECK_MS", 150));
  }

  @AfterAll
  static void stop() {
    ts.close();
  }

  @Test
  @DisplayName("A day off edited on one node moves the deadlines another node of the same database computes")
  void calendarEditsReachEveryNode() {
    // A standby node for the AMI connection: its start does not wait for one.
    try (TestServer other = TestServer.start(new JsonObject(), ts.database, false)) {
      HttpSession elsewhere = other.login("agent1");
      String query = "/api/calendar/deadline?receivedAt=2026-06-09T03:00:00Z";
      String before = elsewhere.get(query).bodyAsJsonObject().getString("deadlineLocal");
      String day = before.substring(0, 10);
      HttpSession admin = ts.login("admin");
      assertThat(admin.put("/api/calendar/days/" + day, new JsonObject().put("name", "Libur daerah (uji)"))
          .statusCode()).isEqualTo(200);
      String moved = Eventually.until("the other node's deadline moved past " + day, 20_000,
          () -> elsewhere.get(query).bodyAsJsonObject().getString("deadlineLocal"), d -> !d.equals(before));
      assertThat(moved).isGreaterThan(before);
      assertThat(admin.send(HttpMethod.DELETE, "/api/calendar/days/" + day, null).statusCode()).isEqualTo(200);
      Eventually.until("the other node's deadline back on " + day, 20_000,
          () -> elsewhere.get(query).bodyAsJsonObject().getString("deadlineLocal"), d -> d.equals(before));
    }
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
  @DisplayName("Inside the warning window the agent, the team leader and the desk are warned once, before any overdue alert")
  void warning() throws Exception {
    HttpSession agent = ts.login("agent1");
    try (BridgeClient agentBus = BridgeClient.connect(ts.vertx, agent).register(Addresses.agentPops("agent1"));
         BridgeClient tlBus = BridgeClient.connect(ts.vertx, ts.login("tl1")).register(Addresses.teamLeaderInbox("tl1"));
         BridgeClient deskBus = BridgeClient.connect(ts.vertx, ts.login("eskalasi1")).register(Addresses.ESCALATION_DESK)) {
      long id = TestTickets.connected(ts.server.pool(), "agent1");
      JsonObject warned = waitForDeadline(agentBus, id);
      assertThat(warned.getString("kind")).isEqualTo("warning");
      assertThat(waitForDeadline(tlBus, id).getString("kind")).isEqualTo("warning");
      assertThat(waitForDeadline(deskBus, id).getString("kind")).isEqualTo("warning");
      JsonObject sla = agent.get("/api/tickets/" + id + "/sla").bodyAsJsonObject();
      assertThat(sla.getBoolean("warning")).isTrue();
      assertThat(sla.getBoolean("overdue")).isFalse();
      assertThat(TestTickets.scalar(ts.server.pool(), "SELECT count(*) FROM deadline_alerts WHERE ticket_id = $1", id))
          .isEqualTo(1L);
    }
  }

  private static JsonObject waitForDeadline(BridgeClient bus, long ticketId) throws InterruptedException {
    while (true) {
      JsonObject alert = bus.nextOfType("deadline", 30_000);
      assertThat(alert).as("deadline alert for ticket " + ticketId).isNotNull();
      if (alert.getLong("ticketId") == ticketId) {
        return alert;
      }
    }
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
    var r = tl.get("/api/reports/sla");
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
