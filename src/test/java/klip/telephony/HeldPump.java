package klip.telephony;

import klip.observability.Metrics;
import klip.support.Eventually;
import klip.support.TestServer;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerEventListener;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes asterisk-java's event queue overflow for real. A listener of the server's own connection blocks the event
 * pump thread (as a listener starved of CPU would stall it); the simulated PBX then writes more harmless events than
 * the pump's queue holds (20,000, not configurable), so every event it writes afterwards is read and dropped, until
 * {@link #close()} lets the pump run again.
 */
final class HeldPump implements AutoCloseable {

  /** asterisk-java's event queue; not configurable. */
  static final int PUMP_QUEUE = 20_000;
  /** Written by {@link #awaitDropped()} after what a test wants dropped, which must be fewer events than this. */
  private static final int AFTER = 2_000;

  private final TestServer server;
  private final ManagerConnection connection;
  private final ManagerEventListener holder;
  private final CountDownLatch release = new CountDownLatch(1);
  private final Metrics.Counter dropped;

  private HeldPump(TestServer server) {
    this.server = server;
    this.connection = server.server.telephony().connection();
    this.dropped = server.server.metrics().counter("klip_ami_events_dropped_total", "dropped");
    AtomicBoolean armed = new AtomicBoolean(true);
    CompletableFuture<Void> held = new CompletableFuture<>();
    holder = event -> {
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
    try {
      server.pbx().sendRaw(peerStatuses(1, "HOLD")).await(5, TimeUnit.SECONDS);
      held.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      throw new IllegalStateException("The event pump could not be held: " + e, e);
    }
  }

  /** Holds the pump: what the PBX writes from now on waits in its queue, until {@link #fill()}. */
  static HeldPump hold(TestServer server) {
    return new HeldPump(server);
  }

  /** Holds the pump and fills its queue: from now on, what the PBX writes is dropped. */
  static HeldPump holdAndFill(TestServer server) throws Exception {
    HeldPump pump = hold(server);
    pump.fill();
    return pump;
  }

  /** Fills the held pump's queue, whatever it holds already: everything read after this is dropped. */
  void fill() throws Exception {
    server.pbx().sendRaw(peerStatuses(PUMP_QUEUE, "FILL")).await(30, TimeUnit.SECONDS);
  }

  /** Events this server's connection has dropped so far. */
  long dropped() {
    return dropped.value();
  }

  /**
   * Returns once everything the PBX wrote since the fill has been read and dropped. Drops come in the order written:
   * more than {@code AFTER} of them, counted from {@code before}, means one of the events written after is dropped, so
   * every earlier one (fewer than {@code AFTER}) was dropped before it.
   */
  void awaitDropped(long before) throws Exception {
    server.pbx().sendRaw(peerStatuses(AFTER, "AFTER")).await(30, TimeUnit.SECONDS);
    Eventually.until("the events written during the hold are read and dropped", 30_000, dropped::value,
        n -> n - before > AFTER);
  }

  /** The pump runs again; the server notices the drops at its next event. */
  @Override
  public void close() {
    release.countDown();
    connection.removeEventListener(holder);
  }

  /**
   * Harmless events asterisk-java builds and the call model ignores: peer statuses. (Not VarSets: the server drops
   * those of other variables than the recording's before asterisk-java parses them, so they never reach its pump.)
   */
  static String peerStatuses(int count, String peer) {
    StringBuilder out = new StringBuilder(count * 120);
    for (int i = 0; i < count; i++) {
      out.append("Event: PeerStatus\r\nPrivilege: system,all\r\nChannelType: PJSIP\r\n")
          .append("Peer: PJSIP/").append(peer).append(i).append("\r\nPeerStatus: Reachable\r\n\r\n");
    }
    return out.toString();
  }
}
