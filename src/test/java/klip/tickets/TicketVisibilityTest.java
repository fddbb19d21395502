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
}
