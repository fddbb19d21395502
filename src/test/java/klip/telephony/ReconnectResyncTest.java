package klip.telephony;

import io.vertx.core.Promise;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.pbx.RingHandle;
import klip.support.BridgeClient;
import klip.support.BusRecorder;
import klip.support.HttpSession;
import klip.support.Sql;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cuts the AMI connection (the simulated PBX drops the socket and refuses logins for a while) and checks
 * that after the reconnect the server resynchronises from CoreShowChannels and QueueStatus: a call that
 * rang during the outage gets exactly one ticket and one pop; a call already popped is not popped again.
 */
class ReconnectResyncTest {

  private TestServer server;
  private HttpSession agent;
  private BridgeClient bridge;

  @BeforeEach
  void start() {
    server = TestServer.start();
    agent = server.login("agent1");
    bridge = BridgeClient.connect(server.vertx, agent).register(Addresses.agentPops("agent1"));
  }

  @AfterEach
  void stop() {
    bridge.close();
    server.close();
  }

  private void cutAmi(BusRecorder status) throws Exception {
    server.pbx().rejectLogins(true);
    server.pbx().disconnectAll().await(5, TimeUnit.SECONDS);
    status.awaitMatching(s -> !s.getBoolean("up"), 30_000);
    assertThat(agent.get("/health").statusCode()).isEqualTo(503);
    assertThat(agent.get("/health").bodyAsJsonObject().getJsonObject("checks").getJsonObject("ami")
        .getString("status")).isEqualTo("DOWN");
  }

  private void restoreAmi(BusRecorder status) throws Exception {
    server.pbx().rejectLogins(false);
    status.awaitMatching(s -> s.getBoolean("up"), 20_000);
  }

  /** The live calls the resync found: published once the model is rebuilt and its facts are out. */
  private JsonArray restoreAmiAndAwaitResync(BusRecorder status) throws Exception {
    Promise<JsonArray> resynced = Promise.promise();
    MessageConsumer<JsonArray> consumer = server.vertx.eventBus()
        .consumer(Addresses.CALLS_RESYNCED, m -> resynced.tryComplete(m.body()));
    consumer.completion().await(5, TimeUnit.SECONDS);
    try {
      restoreAmi(status);
      return resynced.future().await(10, TimeUnit.SECONDS);
    } finally {
      consumer.unregister();
    }
  }

  @Test
  @DisplayName("A call that starts ringing while the AMI connection is down gets exactly one ticket and one pop "
      + "after the reconnect")
  void callRingingDuringOutage() throws Exception {
    try (BusRecorder status = new BusRecorder(server.vertx, Addresses.AMI_STATUS);
         BusRecorder opened = new BusRecorder(server.vertx, Addresses.TICKET_OPENED)) {
      cutAmi(status);
      RingHandle ring = server.pbx().ring("081234567001", "Budi Santoso", "eapp", "Local/agent1@agents/n",
          "Agent One").await(5, TimeUnit.SECONDS);
      restoreAmi(status);
      opened.awaitMatching(o -> o.getString("callId").equals(ring.linkedid()), 30_000);
      JsonObject pop = bridge.nextOfType("pop", 30_000);
      assertThat(pop).isNotNull();
      assertThat(pop.getJsonObject("ticket").getString("callId")).isEqualTo(ring.linkedid());
      assertThat(pop.getJsonObject("ticket").getString("callerNumber")).isEqualTo("081234567001");
      assertThat(pop.getJsonArray("taxpayers").getJsonObject(0).getString("name")).isEqualTo("Budi Santoso");

      try (BusRecorder updates = new BusRecorder(server.vertx, Addresses.TICKET_UPDATED)) {
        ring.answer().await(5, TimeUnit.SECONDS);
        updates.awaitMatching(u -> u.getString("callStatus").equals("connected"), 30_000);
        ring.hangup().await(5, TimeUnit.SECONDS);
        updates.awaitMatching(u -> u.getString("callStatus").equals("ended"), 30_000);
      }
      assertOneTicketAndOnePop(ring.linkedid(), "ended");
      assertOnlyPop(pop.getLong("popId"));
    }
  }

  @Test
  @DisplayName("A call popped before the outage is not popped again after it, and a hang-up during the outage "
      + "ends its ticket at the resync")
  void callPoppedBeforeOutage() throws Exception {
    try (BusRecorder status = new BusRecorder(server.vertx, Addresses.AMI_STATUS);
         BusRecorder updates = new BusRecorder(server.vertx, Addresses.TICKET_UPDATED)) {
      RingHandle ring = server.pbx().ring("0215250208", "PT Sinar Jaya Abadi", "eapp", "Local/agent1@agents/n",
          "Agent One").await(5, TimeUnit.SECONDS);
      JsonObject pop = bridge.nextOfType("pop", 30_000);
      assertThat(pop).isNotNull();
      cutAmi(status);
      JsonArray live = restoreAmiAndAwaitResync(status);
      assertThat(live.stream().map(c -> ((JsonObject) c).getString("callId")))
          .as("the resync finds the call still ringing").containsExactly(ring.linkedid());
      cutAmi(status);
      ring.hangup().await(5, TimeUnit.SECONDS);
      restoreAmi(status);
      // Facts of one call are applied in order, so once the hang-up is applied, so is the first resync's view
      // of the ringing call: any pop it made would be in the table and on the bridge by now.
      updates.awaitMatching(u -> u.getString("callStatus").equals("unanswered"), 30_000);
      assertOneTicketAndOnePop(ring.linkedid(), "unanswered");
      assertOnlyPop(pop.getLong("popId"));
    }
  }

  @Test
  @DisplayName("A call the resync finds live whose hang-up arrives while the status listing is still in flight "
      + "ends its ticket")
  void hangupDuringResync() throws Exception {
    try (BusRecorder status = new BusRecorder(server.vertx, Addresses.AMI_STATUS);
         BusRecorder updates = new BusRecorder(server.vertx, Addresses.TICKET_UPDATED);
         BusRecorder opened = new BusRecorder(server.vertx, Addresses.TICKET_OPENED)) {
      cutAmi(status);
      RingHandle ring = server.pbx().ring("081234567003", "Dewi Lestari", "eapp", "Local/agent1@agents/n",
          "Agent One").await(5, TimeUnit.SECONDS);
      // CoreShowChannels has listed the call as live; the caller hangs up before QueueStatus is answered.
      server.pbx().beforeAnswering("QueueStatus", ring::hangup);
      JsonArray live = restoreAmiAndAwaitResync(status);
      assertThat(live.stream().map(c -> ((JsonObject) c).getString("callId")))
          .as("after the resync the hang-up has been applied").doesNotContain(ring.linkedid());
      long ticketId = opened.awaitMatching(o -> o.getString("callId").equals(ring.linkedid()), 30_000)
          .getLong("ticketId");
      updates.awaitMatching(u -> u.getLong("ticketId") == ticketId
          && u.getString("callStatus").equals("unanswered"), 30_000);
      assertOneTicketAndOnePop(ring.linkedid(), "unanswered");
    }
  }

  /**
   * Every pop the agent's bridge received is the one stored pop. The same pop may come twice: the bridge
   * re-sends unacknowledged pops when the agent's address registers, which can overlap the live send (the desk
   * shows a pop once per popId).
   */
  private void assertOnlyPop(long popId) {
    assertThat(bridge.takeReceived().stream().filter(m -> "pop".equals(m.getString("type")))
        .map(m -> m.getLong("popId"))).as("pops on the bridge").allMatch(id -> id == popId);
  }

  private void assertOneTicketAndOnePop(String callId, String callStatus) {
    List<JsonObject> tickets = Sql.rows(server.server.pool(),
        "SELECT id, call_status FROM tickets WHERE call_id = $1", callId);
    assertThat(tickets).hasSize(1);
    assertThat(tickets.get(0).getString("call_status")).isEqualTo(callStatus);
    assertThat(Sql.rows(server.server.pool(), "SELECT id FROM pops WHERE ticket_id = $1",
        tickets.get(0).getLong("id"))).hasSize(1);
  }
}
