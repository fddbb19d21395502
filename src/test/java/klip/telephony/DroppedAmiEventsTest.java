package klip.telephony;

import klip.pbx.RingHandle;
import klip.support.Eventually;
import klip.support.Sql;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * asterisk-java drops AMI events when its event pump falls 20,000 events behind its reader (a pump thread starved
 * of CPU). Here the pump is held outright, by a listener that waits for the test, while the simulated PBX writes
 * more than the pump's queue holds and then the hang-up of a ringing call: that hang-up is dropped for certain.
 * Once the pump runs again, the server notices the loss and resynchronises; the ticket ends.
 */
class DroppedAmiEventsTest {

  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  @DisplayName("A hang-up asterisk-java dropped from its full event queue is recovered by a resync: the ticket ends")
  void droppedHangupIsRecovered() throws Exception {
    RingHandle ring = server.pbx().ring("081234567011", "Budi Santoso", "eapp", "Local/agent1@agents/n",
        "Agent One").await(5, TimeUnit.SECONDS);
    Eventually.until("the ticket rings", 30_000, () -> callStatus(ring.linkedid()), "ringing"::equals);

    try (HeldPump pump = HeldPump.holdAndFill(server)) {
      long before = pump.dropped();
      ring.hangup().await(5, TimeUnit.SECONDS);
      pump.awaitDropped(before);
      assertThat(callStatus(ring.linkedid())).as("the hang-up never reached the server").isEqualTo("ringing");
    }

    Eventually.until("the resync after the loss ends the ticket", 30_000, () -> callStatus(ring.linkedid()),
        "unanswered"::equals);
  }

  private String callStatus(String callId) {
    return Sql.rows(server.server.pool(), "SELECT call_status FROM tickets WHERE call_id = '" + callId + "'")
        .stream().map(r -> r.getString("call_status")).findFirst().orElse("none");
  }
}
