package klip.controls;

import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.pbx.QueueMemberState;
import klip.pbx.RingHandle;
import klip.pbx.SimulatedPbx;
import klip.support.BusRecorder;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After-call work against the simulated PBX over AMI: the agent is paused with the reason "acw" when an answered
 * call ends with its ticket unfinished, and unpaused when the ticket is finished; an agent who chose a break
 * meanwhile keeps it.
 */
class AfterCallWorkTest {

  static final String AGENT1 = "Local/agent1@agents/n";
  private static TestServer server;
  private static HttpSession agent;

  @BeforeAll
  static void start() {
    server = TestServer.start(new JsonObject().put("KLIP_ACW_PAUSE", "true"));
    agent = server.login("agent1");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("Call ends, ticket open: QueuePause with reason acw, the desk shows after-call work; the ticket is "
      + "escalated: QueuePause unpauses and the agent is ready again")
  void pausedUntilFinished() throws Exception {
    assertThat(agent.put("/api/agent/state", new JsonObject().put("state", "ready")).statusCode()).isEqualTo(200);
    try (BusRecorder desk = new BusRecorder(server.vertx, Addresses.agentPops("agent1"))) {
      long ticketId = callEndsWithOpenTicket(server, "081234567010");
      desk.awaitMatching(m -> "agentState".equals(m.getString("type")) && "acw".equals(m.getString("state")),
          10_000);
      assertThat(agent.get("/api/agent/state").bodyAsJsonObject().getString("state")).isEqualTo("acw");
      assertThat(member(server).paused()).isTrue();
      HttpSession leader = server.login("tl1");
      klip.support.Eventually.until("agent1 paused for after-call work on the board", 10_000,
          () -> leader.get("/api/board").bodyAsJsonObject().getJsonArray("agents").stream()
              .map(JsonObject.class::cast).filter(a -> "agent1".equals(a.getString("username"))).findFirst()
              .orElse(new JsonObject()),
          a -> "paused".equals(a.getString("state")) && "acw".equals(a.getString("pausedReason")));

      var unpause = server.pbx().nextAction("QueuePause");
      finish(agent, ticketId);
      assertThat(unpause.await(10, TimeUnit.SECONDS)).containsEntry("Interface", AGENT1)
          .containsEntry("Paused", "false");
      desk.awaitMatching(m -> "agentState".equals(m.getString("type")) && "ready".equals(m.getString("state")),
          10_000);
    }
  }

  @Test
  @DisplayName("An agent who goes on a break during after-call work stays on it when the ticket is finished")
  void ownChoiceWins() throws Exception {
    assertThat(agent.put("/api/agent/state", new JsonObject().put("state", "ready")).statusCode()).isEqualTo(200);
    try (BusRecorder desk = new BusRecorder(server.vertx, Addresses.agentPops("agent1"));
         BusRecorder ended = new BusRecorder(server.vertx, Addresses.CONTROLS_ACW_ENDED)) {
      long ticketId = callEndsWithOpenTicket(server, "081234567011");
      desk.awaitMatching(m -> "acw".equals(m.getString("state")), 10_000);
      assertThat(agent.put("/api/agent/state", new JsonObject().put("state", "break").put("reason", "meal"))
          .statusCode()).isEqualTo(200);
      desk.awaitMatching(m -> "break".equals(m.getString("state")), 10_000);
      finish(agent, ticketId);
      JsonObject end = ended.awaitMatching(e -> e.getLong("ticketId") == ticketId, 10_000);
      assertThat(end.getString("why")).isEqualTo("finished");
      assertThat(end.getBoolean("unpaused")).isFalse();
      QueueMemberState member = member(server);
      assertThat(member.paused()).isTrue();
      assertThat(agent.get("/api/agent/state").bodyAsJsonObject().getString("reason")).isEqualTo("meal");
    } finally {
      agent.put("/api/agent/state", new JsonObject().put("state", "ready"));
    }
  }

  /** A queue call to agent1, answered, then hung up by the caller; its ticket left received. */
  static long callEndsWithOpenTicket(TestServer server, String number) throws Exception {
    return callEndsWithOpenTicket(server, server.pbx(), number);
  }

  /** As above, on a PBX the server does not own (one that outlives a server restart). */
  static long callEndsWithOpenTicket(TestServer server, SimulatedPbx pbx, String number) throws Exception {
    try (BusRecorder opened = new BusRecorder(server.vertx, Addresses.TICKET_OPENED)) {
      var pause = pbx.nextAction("QueuePause");
      RingHandle call = pbx.ring(number, "Penelepon Uji", "eapp", AGENT1, "Agent One")
          .await(5, TimeUnit.SECONDS);
      long ticketId = opened.await(1, 10_000).get(0).getLong("ticketId");
      call.answer().await(5, TimeUnit.SECONDS);
      call.hangup().await(5, TimeUnit.SECONDS);
      Map<String, String> action = pause.await(10, TimeUnit.SECONDS);
      assertThat(action).containsEntry("Interface", AGENT1).containsEntry("Paused", "true")
          .containsEntry("Reason", "acw");
      return ticketId;
    }
  }

  static void finish(HttpSession agent, long ticketId) {
    int read = agent.get("/api/tickets/" + ticketId).bodyAsJsonObject().getInteger("version");
    var saved = agent.put("/api/tickets/" + ticketId, new JsonObject().put("version", read)
        .put("question", "Lupa EFIN, minta dikirim ulang"));
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
    int version = saved.bodyAsJsonObject().getInteger("version");
    var r = agent.post("/api/tickets/" + ticketId + "/transitions", new JsonObject().put("to", "escalated")
        .put("version", version));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  static QueueMemberState member(TestServer server) throws Exception {
    return member(server.pbx());
  }

  static QueueMemberState member(SimulatedPbx pbx) throws Exception {
    return pbx.members("eapp").await(5, TimeUnit.SECONDS).stream()
        .filter(m -> m.iface().equals(AGENT1)).findFirst().orElseThrow();
  }
}
