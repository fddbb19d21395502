package klip.telephony;

import klip.observability.Metrics;
import klip.pbx.RingHandle;
import klip.support.Eventually;
import klip.support.Sql;
import klip.support.TestServer;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerEventListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * asterisk-java drops AMI events when its event pump falls 20,000 events behind its reader (a pump thread starved
 * of CPU). Here the pump is held outright, by a listener that waits for the test, while the simulated PBX writes
 * more than the pump's queue holds and then the hang-up of a ringing call: that hang-up is dropped for certain.
 * Once the pump runs again, the server notices the loss and resynchronises; the ticket ends.
 */
class DroppedAmiEventsTest {

  /** asterisk-java's event queue; not configurable. */
  private static final int PUMP_QUEUE = 20_000;
  /** Written after the hang-up: more than the hang-up's own events, see below. */
  private static final int AFTER = 1_000;

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

    ManagerConnection connection = server.server.telephony().connection();
    AtomicBoolean armed = new AtomicBoolean(true);
    CompletableFuture<Void> held = new CompletableFuture<>();
    CountDownLatch release = new CountDownLatch(1);
    ManagerEventListener holder = event -> {
      if (armed.compareAndSet(true, false)) {
        held.complete(null);
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    connection.addEventListener(holder);
    Metrics.Counter dropped = server.server.metrics().counter("klip_ami_events_dropped_total", "dropped");
    try {
      server.pbx().sendRaw(peerStatuses(1, "HOLD")).await(5, TimeUnit.SECONDS);
      held.get(30, TimeUnit.SECONDS);
      // The pump is held: these fill its queue whatever it held before, so everything read after them is dropped.
      server.pbx().sendRaw(peerStatuses(PUMP_QUEUE, "FILL")).await(30, TimeUnit.SECONDS);
      ring.hangup().await(5, TimeUnit.SECONDS);
      server.pbx().sendRaw(peerStatuses(AFTER, "AFTER")).await(30, TimeUnit.SECONDS);
      // Drops come in the order written: more than AFTER of them means one of the AFTER events was read, so every
      // event of the hang-up (fewer than AFTER) was read before it, and dropped.
      Eventually.until("the hang-up is read and dropped", 30_000, dropped::value, n -> n > AFTER);
      assertThat(callStatus(ring.linkedid())).as("the hang-up never reached the server").isEqualTo("ringing");
    } finally {
      release.countDown();
      connection.removeEventListener(holder);
    }

    Eventually.until("the resync after the loss ends the ticket", 30_000, () -> callStatus(ring.linkedid()),
        "unanswered"::equals);
  }

  private String callStatus(String callId) {
    return Sql.rows(server.server.pool(), "SELECT call_status FROM tickets WHERE call_id = '" + callId + "'")
        .stream().map(r -> r.getString("call_status")).findFirst().orElse("none");
  }

  /**
   * Harmless events asterisk-java builds and the call model ignores: peer statuses. (Not VarSets: the server drops
   * those of other variables than the recording's before asterisk-java parses them, so they never reach its pump.)
   */
  private static String peerStatuses(int count, String peer) {
    StringBuilder out = new StringBuilder(count * 120);
    for (int i = 0; i < count; i++) {
      out.append("Event: PeerStatus\r\nPrivilege: system,all\r\nChannelType: PJSIP\r\n")
          .append("Peer: PJSIP/").append(peer).append(i).append("\r\nPeerStatus: Reachable\r\n\r\n");
    }
    return out.toString();
  }
}
