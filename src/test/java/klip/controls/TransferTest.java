package klip.controls;

import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.pbx.RingHandle;
import klip.support.BridgeClient;
import klip.support.BusRecorder;
import klip.support.HttpSession;
import klip.support.Sql;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transfer of a live call from the agent desk over AMI BlindTransfer, against the simulated PBX on real TCP and a
 * real PostgreSQL: the ticket follows the call to whoever rings next (the queue's next agent, or the team leader's
 * phone), the timeline says who transferred it to whom, the first agent's desk lets the call go.
 */
class TransferTest {

  private static TestServer server;
  private static HttpSession agent1;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    agent1 = server.login("agent1");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("Alihkan ke antrean: BlindTransfer of agent1's channel; agent2 rings, gets a pop of the same ticket "
      + "with what agent1 saved, and answers; agent1's desk is told; the timeline has the transfer; one ticket")
  void transferToQueue() throws Exception {
    HttpSession agent2 = server.login("agent2");
    try (BridgeClient desk1 = BridgeClient.connect(server.vertx, agent1).register(Addresses.agentPops("agent1"));
         BridgeClient desk2 = BridgeClient.connect(server.vertx, agent2).register(Addresses.agentPops("agent2"))) {
      RingHandle call = connected(desk1, "081234500001", "Rina Marlina");
      long ticketId = ticketOf(call);
      int version = Sql.rows(server.server.pool(), "SELECT version FROM tickets WHERE id = $1", ticketId).get(0)
          .getInteger("version");
      assertThat(agent1.put("/api/tickets/" + ticketId, new JsonObject().put("version", version)
          .put("question", "Lupa EFIN, bagaimana mengaktifkan kembali?").put("notes", "Sudah coba reset")
          ).statusCode()).isEqualTo(200);

      var action = server.pbx().nextAction("BlindTransfer");
      var r = agent1.post("/api/tickets/" + ticketId + "/transfer", new JsonObject().put("to", "queue"));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      assertThat(action.await(10, TimeUnit.SECONDS)).containsEntry("Channel", call.agentChannel())
          .containsEntry("Context", "klip-transfer").containsEntry("Exten", "queue");

      JsonObject gone = desk1.nextOfType("transferred", 10_000);
      assertThat(gone).as("agent1's desk told").isNotNull();
      assertThat(gone.getLong("ticketId")).isEqualTo(ticketId);
      assertThat(gone.getString("to")).isEqualTo("queue");
      JsonObject pop = desk2.nextOfType("pop", 10_000);
      assertThat(pop).as("pop at agent2").isNotNull();
      assertThat(pop.getJsonObject("ticket").getLong("id")).isEqualTo(ticketId);
      assertThat(pop.getJsonObject("ticket").getString("question")).isEqualTo("Lupa EFIN, bagaimana mengaktifkan kembali?");
      JsonObject answered = desk2.nextOfType("call", 10_000);
      assertThat(answered.getString("callStatus")).isEqualTo("connected");

      JsonObject ticket = Sql.rows(server.server.pool(), "SELECT agent_username, call_status, (SELECT count(*) FROM "
          + "tickets u WHERE u.call_id = t.call_id) AS n FROM tickets t WHERE id = $1", ticketId).get(0);
      assertThat(ticket.getString("agent_username")).isEqualTo("agent2");
      assertThat(ticket.getString("call_status")).isEqualTo("connected");
      assertThat(ticket.getLong("n")).isEqualTo(1L);
      List<JsonObject> timeline = Sql.rows(server.server.pool(), "SELECT kind, actor, detail FROM ticket_events "
          + "WHERE ticket_id = $1 AND kind IN ('answered', 'call_transferred', 'rang') ORDER BY at, id", ticketId);
      assertThat(timeline).extracting(e -> e.getString("kind")).containsExactly("rang", "answered",
          "call_transferred", "rang", "answered");
      JsonObject transfer = timeline.get(2);
      assertThat(transfer.getString("actor")).isEqualTo("agent1");
      assertThat(transfer.getJsonObject("detail").getString("from")).isEqualTo("agent1");
      assertThat(transfer.getJsonObject("detail").getString("to")).isEqualTo("queue");
      assertThat(timeline.get(3).getJsonObject("detail").getString("agent")).isEqualTo("agent2");

      // agent1 can no longer act on the call; the caller hangs up and the ticket ends with agent2.
      assertThat(agent1.post("/api/tickets/" + ticketId + "/hangup", null).statusCode()).isEqualTo(403);
      call.hangup().await(5, TimeUnit.SECONDS);
      JsonObject ended = desk2.nextOfType("call", 10_000);
      assertThat(ended.getString("callStatus")).isEqualTo("ended");
    }
  }

  @Test
  @DisplayName("Alihkan ke Team Leader: Setvar of the leader's phone on the caller's channel, BlindTransfer to "
      + "leader-tl1; the leader's phone rings and answers, the ticket is the leader's, the timeline says agent1 → tl1")
  void transferToLeader() throws Exception {
    try (BridgeClient desk1 = BridgeClient.connect(server.vertx, agent1).register(Addresses.agentPops("agent1"));
         BusRecorder updates = new BusRecorder(server.vertx, Addresses.TICKET_UPDATED)) {
      RingHandle call = connected(desk1, "081234500002", "Joko Susilo");
      long ticketId = ticketOf(call);
      var setvar = server.pbx().nextAction("Setvar");
      var action = server.pbx().nextAction("BlindTransfer");
      var r = agent1.post("/api/tickets/" + ticketId + "/transfer", new JsonObject().put("to", "leader"));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject().getString("leader")).isEqualTo("tl1");
      Map<String, String> variable = setvar.await(10, TimeUnit.SECONDS);
      assertThat(variable).containsEntry("Variable", "KLIP_TRANSFER_TO").containsEntry("Value", "PJSIP/2001");
      assertThat(variable.get("Channel")).startsWith("Local/1500200@from-pstn-").endsWith(";2");
      assertThat(action.await(10, TimeUnit.SECONDS)).containsEntry("Exten", "leader-tl1");
      assertThat(desk1.nextOfType("transferred", 10_000).getString("to")).isEqualTo("tl1");
      // Committed in the call's order: the ticket rings again, then the leader's answer connects it.
      updates.awaitMatching(u -> Long.valueOf(ticketId).equals(u.getLong("ticketId"))
          && "ringing".equals(u.getString("callStatus")), 10_000);
      updates.awaitMatching(u -> Long.valueOf(ticketId).equals(u.getLong("ticketId"))
          && "connected".equals(u.getString("callStatus")), 10_000);
      JsonObject ticket = Sql.rows(server.server.pool(), "SELECT agent_username FROM tickets WHERE id = $1", ticketId)
          .get(0);
      assertThat(ticket.getString("agent_username")).isEqualTo("tl1");
      List<JsonObject> transfers = Sql.rows(server.server.pool(), "SELECT detail FROM ticket_events "
          + "WHERE ticket_id = $1 AND kind = 'call_transferred'", ticketId);
      assertThat(transfers).extracting(e -> e.getJsonObject("detail").getString("to")).containsExactly("tl1");
      call.hangup().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("A transfer is refused clearly: a target other than queue or leader 400, someone else's ticket 403, "
      + "an unknown one 404, a call that ended 409")
  void refusals() throws Exception {
    try (BridgeClient desk1 = BridgeClient.connect(server.vertx, agent1).register(Addresses.agentPops("agent1"))) {
      RingHandle call = connected(desk1, "081234500003", "Sri Wahyuni");
      long ticketId = ticketOf(call);
      assertThat(agent1.post("/api/tickets/" + ticketId + "/transfer", new JsonObject().put("to", "nowhere"))
          .statusCode()).isEqualTo(400);
      assertThat(agent1.post("/api/tickets/" + ticketId + "/transfer", new JsonObject()).statusCode()).isEqualTo(400);
      assertThat(server.login("agent2").post("/api/tickets/" + ticketId + "/transfer",
          new JsonObject().put("to", "queue")).statusCode()).isEqualTo(403);
      assertThat(agent1.post("/api/tickets/999999/transfer", new JsonObject().put("to", "queue")).statusCode())
          .isEqualTo(404);
      call.hangup().await(5, TimeUnit.SECONDS);
      assertThat(desk1.nextOfType("call", 10_000).getString("callStatus")).isEqualTo("ended");
      var late = agent1.post("/api/tickets/" + ticketId + "/transfer", new JsonObject().put("to", "queue"));
      assertThat(late.statusCode()).isEqualTo(409);
      assertThat(late.bodyAsJsonObject().getString("error")).contains("sudah berakhir");
    }
  }

  /** Rings agent1, waits for the pop, answers, waits for the desk's "connected". */
  @Test
  @DisplayName("Alihkan ke antrean while every other member is on a break: the queue rings agent1 again, which is a "
      + "new ring and a new pop of the same ticket at agent1's desk, not a repeat to ignore; agent1 answers it")
  void transferToQueueBackToTheSameAgent() throws Exception {
    List<HttpSession> onBreak = new java.util.ArrayList<>();
    List<RingHandle> calls = new java.util.ArrayList<>();
    for (var member : server.pbx().members("eapp").await(5, TimeUnit.SECONDS)) {
      String username = member.iface().replaceFirst("^Local/([^@]+)@.*$", "$1");
      if (!username.equals("agent1")) {
        HttpSession other = server.login(username);
        assertThat(other.put("/api/agent/state", new JsonObject().put("state", "break").put("reason", "meal"))
            .statusCode()).as(username + " on a break").isEqualTo(200);
        onBreak.add(other);
      }
    }
    try (BridgeClient desk1 = BridgeClient.connect(server.vertx, agent1).register(Addresses.agentPops("agent1"))) {
      RingHandle call = connected(desk1, "081234500003", "Dewi Lestari");
      calls.add(call);
      long ticketId = ticketOf(call);
      var r = agent1.post("/api/tickets/" + ticketId + "/transfer", new JsonObject().put("to", "queue"));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      assertThat(desk1.nextOfType("transferred", 10_000)).as("agent1's desk told").isNotNull();
      JsonObject again = desk1.nextOfType("pop", 10_000);
      assertThat(again).as("a new pop at agent1").isNotNull();
      assertThat(again.getJsonObject("ticket").getLong("id")).isEqualTo(ticketId);
      assertThat(desk1.nextOfType("call", 10_000).getString("callStatus")).isEqualTo("connected");
      List<JsonObject> rings = Sql.rows(server.server.pool(), "SELECT agent_username FROM ticket_rings "
          + "WHERE ticket_id = $1 ORDER BY attempt", ticketId);
      assertThat(rings).extracting(x -> x.getString("agent_username")).containsExactly("agent1", "agent1");
      assertThat(Sql.rows(server.server.pool(), "SELECT count(*) AS n FROM pops WHERE ticket_id = $1", ticketId)
          .get(0).getLong("n")).isEqualTo(2L);
      calls.clear();
      call.hangup().await(5, TimeUnit.SECONDS);
      assertThat(desk1.nextOfType("call", 10_000).getString("callStatus")).isEqualTo("ended");
    } finally {
      // A failure above must not leave the call up or the others on a break for the tests after this one.
      for (RingHandle call : calls) {
        call.hangup().await(5, TimeUnit.SECONDS);
      }
      for (HttpSession other : onBreak) {
        other.put("/api/agent/state", new JsonObject().put("state", "ready"));
      }
    }
  }

  private static RingHandle connected(BridgeClient desk, String number, String name) throws Exception {
    RingHandle call = server.pbx().ring(number, name, "eapp", "Local/agent1@agents/n", "Agent One")
        .await(5, TimeUnit.SECONDS);
    assertThat(desk.nextOfType("pop", 10_000)).as("pop at agent1").isNotNull();
    call.answer().await(5, TimeUnit.SECONDS);
    JsonObject connected = desk.nextOfType("call", 10_000);
    assertThat(connected.getString("callStatus")).isEqualTo("connected");
    return call;
  }

  private static long ticketOf(RingHandle call) {
    return Sql.rows(server.server.pool(), "SELECT id FROM tickets WHERE call_id = $1", call.linkedid()).get(0)
        .getLong("id");
  }
}
