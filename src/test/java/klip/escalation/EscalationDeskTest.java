package klip.escalation;

import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.support.BridgeClient;
import klip.support.HttpSession;
import klip.support.Eventually;
import klip.support.TestServer;
import klip.support.TestTickets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class EscalationDeskTest {

  @Test
  @DisplayName("Escalated ticket appears live on the desk, goes to the demo directorate, and its answer is pushed to the agent")
  void deskRoundTrip() throws Exception {
    try (TestServer ts = TestServer.start(new JsonObject().put("KLIP_OUTBOX_POLL_MS", 200))) {
      HttpSession agent = ts.login("agent1");
      HttpSession desk = ts.login("eskalasi1");
      long ticketId = TestTickets.connected(ts.server.pool(), "agent1");
      try (BridgeClient deskBus = BridgeClient.connect(ts.vertx, desk).register(Addresses.ESCALATION_DESK)
          .register(Addresses.DIRECTORATE_INBOX);
           BridgeClient agentBus = BridgeClient.connect(ts.vertx, agent).register(Addresses.agentPops("agent1"))) {
        assertThat(agent.post("/api/tickets/" + ticketId + "/transitions",
            new JsonObject().put("to", "escalated").put("version", 1)).statusCode()).isEqualTo(200);

        JsonObject raised = deskBus.nextOfType("escalation", 30_000);
        assertThat(raised).isNotNull();
        assertThat(raised.getLong("ticketId")).isEqualTo(ticketId);
        assertThat(raised.getString("deadlineAt")).isNotNull();
        String id = raised.getString("escalationId");

        var forwarded = desk.post("/api/escalations/" + id + "/forward", new JsonObject());
        assertThat(forwarded.statusCode()).as(forwarded.bodyAsString()).isEqualTo(200);
        assertThat(deskBus.nextOfType("forwarded", 30_000)).isNotNull();
        assertThat(desk.post("/api/escalations/" + id + "/forward", new JsonObject()).statusCode()).isEqualTo(409);
        assertThat(desk.get("/api/directorate/inbox").bodyAsJsonArray()).hasSize(1);

        var reply = desk.post("/api/directorate/inbox/" + id + "/reply",
            new JsonObject().put("answer", "Server EFIN sudah pulih; minta ulang EFIN lewat email."));
        assertThat(reply.statusCode()).as(reply.bodyAsString()).isEqualTo(200);
        assertThat(deskBus.nextOfType("directorate_reply", 30_000).getString("reply")).contains("EFIN");

        var answered = desk.post("/api/escalations/" + id + "/answer",
            new JsonObject().put("answer", "Server EFIN sudah pulih; minta ulang EFIN lewat email."));
        assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(200);
        assertThat(answered.bodyAsJsonObject().getString("status")).isEqualTo("answered");
        assertThat(answered.bodyAsJsonObject().getString("ticketStatus")).isEqualTo("directorate_answered");

        JsonObject pushed = agentBus.nextOfType("directorate_answer", 30_000);
        assertThat(pushed.getLong("ticketId")).isEqualTo(ticketId);
        assertThat(pushed.getString("answer")).contains("EFIN");
        assertThat(desk.post("/api/escalations/" + id + "/answer", new JsonObject().put("answer", "lagi"))
            .statusCode()).isEqualTo(409);
      }
      // Input and access checks.
      assertThat(desk.post("/api/escalations/not-a-uuid/forward", new JsonObject()).statusCode()).isEqualTo(400);
      assertThat(desk.get("/api/escalations?status=lost").statusCode()).isEqualTo(400);
      assertThat(agent.get("/api/escalations").statusCode()).isEqualTo(403);
      try (BridgeClient spy = BridgeClient.connect(ts.vertx, agent).register(Addresses.ESCALATION_DESK)) {
        // register() returns once the bridge has forwarded or refused the address.
        assertThat(spy.errors()).as("the bridge refusing an agent on the desk address").hasSize(1);
      }
      long blank = TestTickets.connected(ts.server.pool(), "agent1", java.time.OffsetDateTime.now(), null);
      var noQuestion = agent.post("/api/tickets/" + blank + "/transitions",
          new JsonObject().put("to", "escalated").put("version", 1));
      assertThat(noQuestion.statusCode()).isEqualTo(400);
      assertThat(TestTickets.scalar(ts.server.pool(), "SELECT status FROM tickets WHERE id = $1", blank))
          .isEqualTo("received");
    }
  }

  @Test
  @DisplayName("Thirty escalations reach the desk screen once each, carried by the after-commit kick alone")
  void kickDelivers() throws Exception {
    // The outbox poll is an hour away, so each escalation that arrives was carried by the after-commit kick.
    // (Commit-to-screen latency is a benchmark's business, not a test's.)
    try (TestServer ts = TestServer.start(new JsonObject().put("KLIP_OUTBOX_POLL_MS", 3_600_000))) {
      HttpSession agent = ts.login("agent1");
      try (BridgeClient deskBus = BridgeClient.connect(ts.vertx, ts.login("eskalasi1"))
          .register(Addresses.ESCALATION_DESK)) {
        for (int i = 0; i < 30; i++) {
          long ticketId = TestTickets.connected(ts.server.pool(), "agent1");
          assertThat(agent.post("/api/tickets/" + ticketId + "/transitions",
              new JsonObject().put("to", "escalated").put("version", 1)).statusCode()).isEqualTo(200);
          JsonObject pushed = deskBus.nextOfType("escalation", 30_000);
          assertThat(pushed).as("escalation %d on the desk", i).isNotNull();
          assertThat(pushed.getLong("ticketId")).isEqualTo(ticketId);
        }
        assertThat(TestTickets.scalar(ts.server.pool(), "SELECT count(*) FROM escalation_desk_inbox")).isEqualTo(30L);
        assertThat(deskBus.takeReceived()).as("nothing pushed twice")
            .noneMatch(m -> "escalation".equals(m.getString("type")));
      }
    }
  }

  @Test
  @DisplayName("The webhook channel retries until the directorate's endpoint accepts, with the escalation id as idempotency key")
  void webhookRetries() throws Exception {
    io.vertx.core.Vertx hookVertx = io.vertx.core.Vertx.vertx();
    AtomicInteger calls = new AtomicInteger();
    List<String> keys = new CopyOnWriteArrayList<>();
    HttpServer hook = hookVertx.createHttpServer().requestHandler(req -> {
      keys.add(req.getHeader("Idempotency-Key"));
      req.response().setStatusCode(calls.incrementAndGet() < 3 ? 503 : 202).end();
    }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    try (TestServer ts = TestServer.start(new JsonObject().put("KLIP_OUTBOX_POLL_MS", 200)
        .put("KLIP_DIRECTORATE_CHANNEL", "webhook")
        .put("KLIP_DIRECTORATE_WEBHOOK_URL", "http://127.0.0.1:" + hook.actualPort() + "/escalations")
        .put("KLIP_DIRECTORATE_WEBHOOK_BACKOFF_MS", 20))) {
      HttpSession desk = ts.login("eskalasi1");
      long ticketId = TestTickets.connected(ts.server.pool(), "agent1");
      ts.login("agent1").post("/api/tickets/" + ticketId + "/transitions",
          new JsonObject().put("to", "escalated").put("version", 1));
      // Polled: the desk's intake is a bus request answered to the outbox publisher; nothing is published.
      String id = Eventually.until("the escalation on the desk", 30_000, () -> desk.get("/api/escalations")
          .bodyAsJsonArray(), list -> list.size() == 1).getJsonObject(0).getString("escalationId");
      assertThat(desk.post("/api/escalations/" + id + "/forward", new JsonObject()).statusCode()).isEqualTo(200);
      // Polled: the webhook channel records the accepted forward and announces nothing.
      Eventually.until("the webhook to accept", 30_000,
          () -> desk.get("/api/escalations/" + id).bodyAsJsonObject().getString("status"), "forwarded"::equals);
      assertThat(desk.get("/api/escalations/" + id).bodyAsJsonObject().getInteger("forwardAttempts")).isEqualTo(3);
      assertThat(keys).hasSize(3).containsOnly(id);
    } finally {
      hookVertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
