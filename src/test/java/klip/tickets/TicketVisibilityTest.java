package klip.tickets;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.support.BusRecorder;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A team leader reads their own team's tickets, not another team's; an agent only their own. */
class TicketVisibilityTest {

  private static TestServer server;
  private static long ticketId;

  @BeforeAll
  static void start() throws Exception {
    JsonArray roster = new JsonArray()
        .add(user("agent1", "agent", "Local/agent1@agents/n", "tim-a"))
        .add(user("agent2", "agent", "Local/agent2@agents/n", "tim-b"))
        .add(user("agent3", "agent", "Local/agent3@agents/n", "tim-b"))
        .add(user("tl1", "team_leader", "PJSIP/2001", "tim-a"))
        .add(user("tl2", "team_leader", "PJSIP/2002", "tim-b"))
        .add(user("qa1", "quality_assessor", null, "qa"))
        .add(user("admin", "admin", null, "admin"));
    server = TestServer.start(new JsonObject().put("KLIP_ROSTER", roster));
    try (BusRecorder opened = new BusRecorder(server.vertx, Addresses.TICKET_OPENED)) {
      server.pbx().ring("081234567001", "Budi Santoso", "eapp", "Local/agent1@agents/n", "Agent One")
          .await(5, TimeUnit.SECONDS);
      ticketId = opened.await(1, 10_000).get(0).getLong("ticketId");
    }
  }

  private static JsonObject user(String name, String role, String phone, String team) {
    return new JsonObject().put("username", name).put("displayName", name).put("role", role)
        .put("interface", phone).put("team", team).put("password", "klip-" + name);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("The ticket of a tim-a agent is readable by that agent, tim-a's leader and QA; not by tim-b's "
      + "leader or agent")
  void teamScopedReads() {
    for (String path : new String[] {"/api/tickets/" + ticketId, "/api/tickets/" + ticketId + "/lifecycle"}) {
      assertThat(server.login("agent1").get(path).statusCode()).as(path).isEqualTo(200);
      assertThat(server.login("tl1").get(path).statusCode()).as(path).isEqualTo(200);
      assertThat(server.login("qa1").get(path).statusCode()).as(path).isEqualTo(200);
      assertThat(server.login("tl2").get(path).statusCode()).as(path).isEqualTo(403);
      assertThat(server.login("agent2").get(path).statusCode()).as(path).isEqualTo(403);
    }
  }

  @Test
  @DisplayName("An agent who served the same caller reads a colleague's ticket of that caller read-only, and the "
      + "read is audited; they still cannot change it, nor read a ticket of a caller they never served")
  void sameCallerReadOnly() throws Exception {
    long other;
    try (BusRecorder opened = new BusRecorder(server.vertx, Addresses.TICKET_OPENED)) {
      server.pbx().ring("+62 812-3456-7001", "Budi Santoso", "eapp", "Local/agent3@agents/n", "Agent Three")
          .await(5, TimeUnit.SECONDS);
      other = opened.await(1, 10_000).get(0).getLong("ticketId");
    }
    var agent3 = server.login("agent3");
    var own = agent3.get("/api/tickets/" + other);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.bodyAsJsonObject().getBoolean("readOnly")).isFalse();

    var read = agent3.get("/api/tickets/" + ticketId);
    assertThat(read.statusCode()).as(read.bodyAsString()).isEqualTo(200);
    assertThat(read.bodyAsJsonObject().getBoolean("readOnly")).isTrue();
    assertThat(read.bodyAsJsonObject().getString("agent")).isEqualTo("agent1");
    assertThat(klip.support.Sql.rows(server.server.pool(), "SELECT actor, detail FROM audit_log WHERE action = "
        + "'ticket.read_same_caller' AND target = $1", "/api/tickets/" + ticketId))
        .extracting(r -> r.getString("actor")).containsExactly("agent3");

    var edit = agent3.put("/api/tickets/" + ticketId, new JsonObject().put("version", 1).put("question", "x"));
    assertThat(edit.statusCode()).as(edit.bodyAsString()).isEqualTo(403);
    assertThat(agent3.post("/api/tickets/" + ticketId + "/taxpayer", new JsonObject().put("npwp", "012345678901000"))
        .statusCode()).isEqualTo(403);

    long stranger;
    try (BusRecorder opened = new BusRecorder(server.vertx, Addresses.TICKET_OPENED)) {
      server.pbx().ring("0274999888", "Orang Lain", "eapp", "Local/agent1@agents/n", "Agent One")
          .await(5, TimeUnit.SECONDS);
      stranger = opened.await(1, 10_000).get(0).getLong("ticketId");
    }
    assertThat(agent3.get("/api/tickets/" + stranger).statusCode()).isEqualTo(403);
  }
}
