package klip.supervision;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.db.Database;
import klip.pbx.SimulatedPbx;
import klip.support.Eventually;
import klip.support.HttpSession;
import klip.support.OutlivingPbx;
import klip.support.TestPostgres;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board after a server start: the supervision verticle is deployed after telephony and may subscribe after
 * the first resynchronisation's member states went by. Controls, deployed before telephony, heard them all and
 * answers them on {@link Addresses#CONTROLS_MEMBERS}; a board that starts with only that answer shows the agent's
 * state, with no further member event.
 */
class BoardStartMembersTest {

  private static final String AGENT1 = "Local/agent1@agents/n";

  @Test
  @DisplayName("An agent on a break before the server starts is shown on a break by a board that heard no member "
      + "event, from the member states controls answers")
  void boardStartsWithMembers() throws Exception {
    try (OutlivingPbx outliving = OutlivingPbx.start()) {
      SimulatedPbx pbx = outliving.pbx;
      JsonObject ami = outliving.amiSettings();
      Database database = TestPostgres.freshDatabase();
      try (TestServer first = TestServer.start(ami, database)) {
        assertThat(first.login("agent1").put("/api/agent/state", new JsonObject().put("state", "break")
            .put("reason", "meal")).statusCode()).isEqualTo(200);
        Eventually.until("agent1 paused in the queue", 10_000, () -> paused(pbx), p -> p);
      }

      try (TestServer second = TestServer.start(ami, database)) {
        JsonArray members = Eventually.until("controls knows agent1 from the first resync", 10_000,
            () -> members(second),
            m -> m.stream().map(JsonObject.class::cast).anyMatch(s -> AGENT1.equals(s.getString("interface"))
                && s.getInteger("status") != null && "meal".equals(s.getString("pausedReason"))));
        // A board that subscribed after the resync: it starts with controls' answer and nothing else.
        AgentStates late = new AgentStates(0);
        members.stream().map(JsonObject.class::cast).forEach(late::applyIfUnknown);
        JsonObject shown = late.stateOf(AGENT1, List.of(), System.currentTimeMillis());
        assertThat(shown.getString("state")).isEqualTo("paused");
        assertThat(shown.getString("pausedReason")).isEqualTo("meal");

        HttpSession tl1 = second.login("tl1");
        Eventually.until("the board shows agent1 on a break", 10_000,
            () -> tl1.get("/api/board").bodyAsJsonObject().getJsonArray("agents").stream()
                .map(JsonObject.class::cast).filter(a -> "agent1".equals(a.getString("username"))).findFirst()
                .orElse(new JsonObject()),
            a -> "paused".equals(a.getString("state")) && "meal".equals(a.getString("pausedReason")));
      }
    }
  }

  private static JsonArray members(TestServer server) {
    try {
      return server.vertx.eventBus().<JsonArray>request(Addresses.CONTROLS_MEMBERS, null).await(10, TimeUnit.SECONDS)
          .body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean paused(SimulatedPbx pbx) {
    try {
      return pbx.members("eapp").await(5, TimeUnit.SECONDS).stream().filter(m -> m.iface().equals(AGENT1))
          .findFirst().orElseThrow().paused();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
