package klip.bench;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.support.BridgeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The agents' browsers as the benchmark plays them: one bridge WebSocket per connected agent, registered on the
 * agent's pop address, pinging as the desktop does, every pop handed to one sink with its arrival time.
 */
final class BridgeDesks implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BridgeDesks.class);

  private final Vertx vertx;
  private final List<BridgeClient> clients = new CopyOnWriteArrayList<>();
  private final List<BenchAgent> connected = new CopyOnWriteArrayList<>();
  private final Set<String> probed = ConcurrentHashMap.newKeySet();
  private final long pings;
  private volatile BiConsumer<JsonObject, Long> popSink = (body, at) -> { };

  /** {@code vertx} is the harness's: the clients' sockets and timers run on its event loops. */
  BridgeDesks(Vertx vertx) {
    this.vertx = vertx;
    // As the agent desktop does: without pings the bridge closes each socket after 30 s.
    this.pings = vertx.setPeriodic(10_000, id -> clients.forEach(BridgeClient::ping));
  }

  /** Opens {@code agent}'s socket to the node on {@code port} and asks for its pops; see {@link #awaitRegistered}. */
  void connect(BenchAgent agent, int port, String cookie) {
    BridgeClient client = BridgeClient.connect(vertx, port, cookie);
    client.onMessage(body -> onMessage(agent, body, System.nanoTime()));
    client.requestRegistration(Addresses.agentPops(agent.username()));
    clients.add(client);
    connected.add(agent);
  }

  /**
   * The bridge registers asynchronously: probes every connected agent's address on {@code bus} (the server's, or a
   * member of its cluster) until all have heard.
   */
  void awaitRegistered(Vertx bus, long started) {
    boolean all = Await.until(bus, Duration.ofSeconds(60), 200, () -> {
      int missing = 0;
      for (BenchAgent a : connected) {
        if (!probed.contains(a.username())) {
          missing++;
          bus.eventBus().publish(Addresses.agentPops(a.username()), new JsonObject().put("type", "bench-probe"));
        }
      }
      return missing == 0;
    });
    if (!all) {
      throw new IllegalStateException("Not every bridge client registered within 60 s: " + probed.size() + " of "
          + connected.size() + " heard the probe; first client's errors: " + clients.get(0).errors()
          + ", closed: " + clients.get(0).isClosed());
    }
    log.info("{} bridge clients connected and registered in {} ms", connected.size(),
        (System.nanoTime() - started) / 1_000_000);
  }

  private void onMessage(BenchAgent agent, JsonObject body, long receivedAtNanos) {
    BenchFloor.HARNESS_THREADS.add(Thread.currentThread().getId());
    String type = body.getString("type");
    if ("pop".equals(type)) {
      popSink.accept(body, receivedAtNanos);
    } else if ("bench-probe".equals(type)) {
      probed.add(agent.username());
    }
  }

  /** Where pops go: (pop body, System.nanoTime() at arrival on the client's event loop). */
  void onPop(BiConsumer<JsonObject, Long> sink) {
    this.popSink = sink;
  }

  List<BenchAgent> connected() {
    return connected;
  }

  int closedClients() {
    return (int) clients.stream().filter(BridgeClient::isClosed).count();
  }

  @Override
  public void close() {
    vertx.cancelTimer(pings);
    clients.forEach(BridgeClient::close);
  }
}
