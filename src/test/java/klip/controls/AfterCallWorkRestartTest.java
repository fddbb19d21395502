package klip.controls;

import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.db.Database;
import klip.pbx.SimulatedPbx;
import klip.support.BusRecorder;
import klip.support.Eventually;
import klip.support.HttpSession;
import klip.support.OutlivingPbx;
import klip.support.TestPostgres;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server restart during after-call work, against a PBX that keeps running (as Asterisk does) and so keeps the
 * agent paused with the reason acw: the new server, which never saw the call end, takes the work up again.
 */
class AfterCallWorkRestartTest {

  @Test
  @DisplayName("After a restart during after-call work the ticket's finish still unpauses the agent; an acw pause "
      + "with no unfinished ticket behind it is lifted at once")
  void takenUpAfterRestart() throws Exception {
    try (OutlivingPbx outliving = OutlivingPbx.start()) {
      SimulatedPbx pbx = outliving.pbx;
      JsonObject settings = outliving.amiSettings().put("KLIP_ACW_PAUSE", "true");
      Database database = TestPostgres.freshDatabase();
      long ticketId;
      try (TestServer first = TestServer.start(settings, database)) {
        ticketId = AfterCallWorkTest.callEndsWithOpenTicket(first, pbx, "081234567030");
        Eventually.until("agent1 paused in the queue", 10_000, () -> member(pbx), paused -> paused);
      }
      assertThat(member(pbx)).as("the PBX keeps the pause while no server runs").isTrue();

      try (TestServer second = TestServer.start(settings, database);
           BusRecorder ended = new BusRecorder(second.vertx, Addresses.CONTROLS_ACW_ENDED)) {
        HttpSession agent = second.login("agent1");
        Eventually.until("the desk shows after-call work from the queue", 10_000,
            () -> agent.get("/api/agent/state").bodyAsJsonObject().getString("state"), "acw"::equals);
        AfterCallWorkTest.finish(agent, ticketId);
        Eventually.until("agent1 unpaused once the ticket is finished", 10_000, () -> member(pbx), paused -> !paused);
        assertThat(ended.awaitMatching(e -> e.getLong("ticketId") == ticketId, 10_000).getBoolean("unpaused"))
            .isTrue();

        // An acw pause the server did not make, its agent's last ticket finished: nothing to wait for.
        second.vertx.eventBus().request(Addresses.MEMBER_PAUSE, new JsonObject()
            .put("interface", AfterCallWorkTest.AGENT1).put("paused", true).put("reason", "acw"))
            .await(10, TimeUnit.SECONDS);
        JsonObject end = ended.await(1, 10_000).get(0);
        assertThat(end.getString("interface")).isEqualTo(AfterCallWorkTest.AGENT1);
        assertThat(end.getString("why")).isEqualTo("finished");
        assertThat(end.getBoolean("unpaused")).isTrue();
        Eventually.until("agent1 unpaused again", 10_000, () -> member(pbx), paused -> !paused);
      }
    }
  }

  private static boolean member(SimulatedPbx pbx) {
    try {
      return AfterCallWorkTest.member(pbx).paused();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
