package klip.tickets;

import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.pbx.RingHandle;
import klip.support.BridgeClient;
import klip.support.BusRecorder;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A pop the agent's browser did not acknowledge is sent again when the browser reconnects. */
class PopRedeliveryTest {

  @Test
  @DisplayName("A pop sent while the agent's browser was away arrives when it reconnects; once acknowledged, "
      + "it is not sent again")
  void unacknowledgedPopIsResentOnReconnect() throws Exception {
    try (TestServer server = TestServer.start()) {
      HttpSession agent = server.login("agent2");
      RingHandle ring;
      try (BusRecorder sent = new BusRecorder(server.vertx, Addresses.POP_SENT)) {
        ring = server.pbx().ring("0274123456", "Rudi Hartono", "eapp", "Local/agent2@agents/n", "Agent Two")
            .await(5, TimeUnit.SECONDS);
        // The pop has gone out while no browser of agent2 listened.
        sent.awaitMatching(o -> o.getString("callId").equals(ring.linkedid()), 30_000);
      }
      JsonObject pop;
      try (BridgeClient late = BridgeClient.connect(server.vertx, agent).register(Addresses.agentPops("agent2"))) {
        pop = late.nextOfType("pop", 30_000);
        assertThat(pop).isNotNull();
        assertThat(pop.getBoolean("resent")).isTrue();
        assertThat(pop.getJsonObject("ticket").getString("callId")).isEqualTo(ring.linkedid());
        assertThat(agent.post("/api/pops/" + pop.getLong("popId") + "/ack", null).bodyAsJsonObject()
            .getBoolean("acknowledged")).isTrue();
      }
      // The re-send pass that the next registration starts says how many pops it sent again: none.
      try (BusRecorder passes = new BusRecorder(server.vertx, Addresses.POPS_RESENT);
           BridgeClient again = BridgeClient.connect(server.vertx, agent).register(Addresses.agentPops("agent2"))) {
        JsonObject pass = passes.awaitMatching(o -> o.getString("agent").equals("agent2"), 30_000);
        assertThat(pass.getInteger("count")).as("acknowledged pops are not re-sent").isZero();
      }
    }
  }
}
