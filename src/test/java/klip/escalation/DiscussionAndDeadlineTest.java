package klip.escalation;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.support.BridgeClient;
import klip.support.BusRecorder;
import klip.support.Eventually;
import klip.support.HttpSession;
import klip.support.TestServer;
import klip.support.TestTickets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Team-leader discussions, the deadline alerts and the callback, on one server with two team leaders. */
class DiscussionAndDeadlineTest {

  private static TestServer ts;

  @BeforeAll
  static void start() {
    JsonArray roster = new JsonArray()
        .add(user("agent1", "agent", "Local/agent1@agents/n", "tim-a"))
        .add(user("agent2", "agent", "Local/agent2@agents/n", "tim-a"))
        .add(user("tl1", "team_leader", "PJSIP/2001", "tim-a"))
        .add(user("tl2", "team_leader", "PJSIP/2002", "tim-b"))
        .add(user("eskalasi1", "escalation_agent", null, "eskalasi"));
    ts = TestServer.start(new JsonObject().put("KLIP_ROSTER", roster).put("KLIP_OUTBOX_POLL_MS", 200)
        .put("KLIP_DEADLINE_CHECK_MS", 150).put("KLIP_TL_REPLY_TIMEOUT_MIN", "0.01"));
  }

  private static JsonObject user(String name, String role, String phone, String team) {
    return new JsonObject().put("username", name).put("displayName", name).put("role", role)
        .put("interface", phone).put("team", team).put("password", "klip-" + name);
  }

  @AfterAll
  static void stop() {
    ts.close();
  }

  @Test
  @DisplayName("Agent asks with one click; the team leader sees question and SIKP suggestions live, replies; the agent sees it live")
  void askAndReply() throws Exception {
    HttpSession agent = ts.login("agent1");
    HttpSession tl = ts.login("tl1");
    long ticketId = TestTickets.connected(ts.server.pool(), "agent1");
    try (ClockPasses passes = new ClockPasses("deadlineAlerts");
         BridgeClient tlBus = BridgeClient.connect(ts.vertx, tl).register(Addresses.teamLeaderInbox("tl1"));
         BridgeClient agentBus = BridgeClient.connect(ts.vertx, agent).register(Addresses.agentPops("agent1"))) {
      var asked = agent.post("/api/tickets/" + ticketId + "/discussions", new JsonObject().put("version", 1)
          .put("question", "EFIN tidak masuk ke email, apa langkahnya?")
          .put("suggestions", new JsonArray().add(new JsonObject().put("articleId", 7).put("version", 2)
              .put("title", "Lupa EFIN"))));
      assertThat(asked.statusCode()).as(asked.bodyAsString()).isEqualTo(200);
      long discussionId = asked.bodyAsJsonObject().getLong("id");
      assertThat(asked.bodyAsJsonObject().getString("teamLeader")).isEqualTo("tl1");

      JsonObject told = tlBus.nextOfType("discussion", 30_000);
      assertThat(told.getLong("discussionId")).isEqualTo(discussionId);
      assertThat(told.getString("question")).contains("EFIN");
      assertThat(told.getJsonArray("suggestions").getJsonObject(0).getString("title")).isEqualTo("Lupa EFIN");

      JsonObject thread = tl.get("/api/discussions/" + discussionId).bodyAsJsonObject();
      assertThat(thread.getJsonObject("context").getJsonArray("suggestions")).hasSize(1);
      assertThat(tl.get("/api/discussions").bodyAsJsonArray()).extracting(o -> ((JsonObject) o).getLong("id"))
          .contains(discussionId);

      assertThat(tl.post("/api/discussions/" + discussionId + "/messages",
          new JsonObject().put("body", "Minta WP cek folder spam, lalu ajukan ulang EFIN.")).statusCode())
          .isEqualTo(200);
      JsonObject reply = agentBus.nextOfType("discussion_reply", 30_000);
      assertThat(reply.getString("body")).contains("spam");
      assertThat(reply.getString("author")).isEqualTo("tl1");

      assertThat(agent.post("/api/discussions/" + discussionId + "/messages",
          new JsonObject().put("body", "Terima kasih")).statusCode()).isEqualTo(200);
      assertThat(tlBus.nextOfType("discussion_message", 30_000).getString("body")).isEqualTo("Terima kasih");

      // Answering from the discussion closes the thread.
      int version = agent.get("/api/tickets/" + ticketId + "/lifecycle").bodyAsJsonObject().getInteger("version");
      assertThat(agent.post("/api/tickets/" + ticketId + "/transitions", new JsonObject().put("to", "answered")
          .put("version", version).put("answer", "Cek spam lalu ajukan ulang EFIN").put("source", "discussion"))
          .statusCode()).isEqualTo(200);
      assertThat(tl.get("/api/discussions/" + discussionId).bodyAsJsonObject().getString("closedAt")).isNotNull();
      assertThat(ts.login("agent2").get("/api/discussions/" + discussionId).statusCode()).isEqualTo(403);
    }
  }

  @Test
  @DisplayName("No reply within the timeout: the next team leader on duty is alerted, once")
  void unansweredGoesToNextLeader() throws Exception {
    HttpSession agent = ts.login("agent2");
    HttpSession tl2 = ts.login("tl2");
    long ticketId = TestTickets.connected(ts.server.pool(), "agent2");
    try (ClockPasses passes = new ClockPasses("discussionAlerts");
         BridgeClient tl2Bus = BridgeClient.connect(ts.vertx, tl2).register(Addresses.teamLeaderInbox("tl2"))) {
      var asked = agent.post("/api/tickets/" + ticketId + "/discussions", new JsonObject().put("version", 1));
      assertThat(asked.statusCode()).as(asked.bodyAsString()).isEqualTo(200);
      JsonObject alert = tl2Bus.nextOfType("discussion", 30_000);
      assertThat(alert).isNotNull();
      assertThat(alert.getString("unansweredBy")).isEqualTo("tl1");
      assertThat(alert.getLong("ticketId")).isEqualTo(ticketId);
      assertThat(passes.nextPassAfterAlert().getInteger("discussionAlerts")).as("the alert is not sent again").isZero();
      assertThat(tl2.get("/api/discussions").bodyAsJsonArray()).hasSize(1);
    }
  }

  @Test
  @DisplayName("A ticket past its deadline alerts its team leader and the desk once; a recent one does not")
  void overdueAlert() throws Exception {
    HttpSession tl = ts.login("tl1");
    HttpSession desk = ts.login("eskalasi1");
    try (ClockPasses passes = new ClockPasses("deadlineAlerts");
         BridgeClient tlBus = BridgeClient.connect(ts.vertx, tl).register(Addresses.teamLeaderInbox("tl1"));
         BridgeClient deskBus = BridgeClient.connect(ts.vertx, desk).register(Addresses.ESCALATION_DESK)) {
      long old = TestTickets.connected(ts.server.pool(), "agent1", OffsetDateTime.now().minusDays(8), "Lama");
      JsonObject alert = tlBus.nextOfType("deadline", 30_000);
      assertThat(alert.getLong("ticketId")).isEqualTo(old);
      assertThat(alert.getString("kind")).isEqualTo("overdue");
      assertThat(deskBus.nextOfType("deadline", 30_000).getLong("ticketId")).isEqualTo(old);
      assertThat(passes.nextPassAfterAlert().getInteger("deadlineAlerts")).as("the alert is not sent again").isZero();
      JsonObject sla = tl.get("/api/tickets/" + old + "/sla").bodyAsJsonObject();
      assertThat(sla.getBoolean("overdue")).isTrue();
      assertThat(sla.getJsonObject("clocks").getJsonObject("tiers").getLong("agent")).isGreaterThan(7 * 86400L);
    }
  }

  @Test
  @DisplayName("Callback: one click sends an Originate ringing the agent's phone first, then the caller's number")
  void callback() throws Exception {
    HttpSession agent = ts.login("agent1");
    HttpSession desk = ts.login("eskalasi1");
    long ticketId = TestTickets.connected(ts.server.pool(), "agent1");
    assertThat(agent.post("/api/tickets/" + ticketId + "/callback", null).statusCode()).isEqualTo(409);
    agent.post("/api/tickets/" + ticketId + "/transitions", new JsonObject().put("to", "escalated").put("version", 1));
    // Polled: the desk's intake is a bus request answered to the outbox publisher; nothing is published.
    String id = Eventually.until("the escalation of ticket " + ticketId, 30_000,
        () -> desk.get("/api/escalations?status=new").bodyAsJsonArray().stream().map(o -> (JsonObject) o)
            .filter(e -> e.getLong("ticketId") == ticketId).findFirst().orElse(null), e -> true)
        .getString("escalationId");
    assertThat(desk.post("/api/escalations/" + id + "/answer", new JsonObject().put("answer", "Sudah beres"))
        .statusCode()).isEqualTo(200);

    var originate = ts.pbx().nextAction("Originate");
    var r = agent.post("/api/tickets/" + ticketId + "/callback", null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("outcome")).isEqualTo("originated");
    Map<String, String> action = originate.await(5, TimeUnit.SECONDS);
    assertThat(action.get("Channel")).isEqualTo("Local/agent1@agents/n");
    assertThat(action.get("Context")).isEqualTo("callback");
    assertThat(action.get("Exten")).isEqualTo("081234567890");
    assertThat(action.get("Priority")).isEqualTo("1");

    int version = agent.get("/api/tickets/" + ticketId + "/lifecycle").bodyAsJsonObject().getInteger("version");
    assertThat(agent.post("/api/tickets/" + ticketId + "/transitions", new JsonObject().put("to", "delivered")
        .put("version", version).put("note", "Disampaikan lewat panggilan balik")).statusCode()).isEqualTo(200);
    JsonObject sla = agent.get("/api/tickets/" + ticketId + "/sla").bodyAsJsonObject();
    assertThat(sla.getJsonArray("callbacks").getJsonObject(0).getString("outcome")).isEqualTo("originated");
    assertThat(sla.getString("status")).isEqualTo("delivered");

    JsonArray report = ts.login("tl1").get("/api/reports/sla").bodyAsJsonArray();
    assertThat(report).isNotEmpty();
    assertThat(report.getJsonObject(0).getString("team")).isEqualTo("tim-a");
    assertThat(ts.login("tl1").get("/api/reports/sla?from=2026-13-01").statusCode()).isEqualTo(400);
  }

  /**
   * The passes of the SOP clocks, as the escalation capability reports them: "alerted once" is proven by the pass
   * after the one that sent the alert, which sees the same overdue item and sends nothing.
   */
  private static final class ClockPasses implements AutoCloseable {

    private final String counter;
    private final BusRecorder passes = new BusRecorder(ts.vertx, Addresses.ESCALATION_CLOCKS_CHECKED);

    ClockPasses(String counter) {
      this.counter = counter;
    }

    JsonObject nextPassAfterAlert() throws InterruptedException {
      long alerting = passes.awaitMatching(p -> p.getInteger(counter) > 0, 30_000).getLong("pass");
      return passes.awaitMatching(p -> p.getLong("pass") == alerting + 1, 30_000);
    }

    @Override
    public void close() {
      passes.close();
    }
  }
}
