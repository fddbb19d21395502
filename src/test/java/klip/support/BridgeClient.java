package klip.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A browser's side of the event-bus bridge, over the same plain WebSocket the agent desktop uses, with the
 * browser's session cookie. Received messages are queued for the test to take, with a deadline.
 */
public final class BridgeClient implements AutoCloseable {

  /** Body type of the probes {@link #register} publishes to learn that the bridge now forwards an address. */
  private static final String PROBE = "bridge-probe";

  private final Vertx vertx;
  /** Held for the socket's lifetime: Vert.x closes an unreachable client, and its connections, on GC. */
  private final WebSocketClient client;
  private final WebSocket socket;
  private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
  private final List<JsonObject> errors = new CopyOnWriteArrayList<>();
  private volatile Consumer<JsonObject> listener;
  /** Completed when the probe of the registration under way arrives, or the bridge refuses a registration. */
  private volatile CompletableFuture<Void> registration = new CompletableFuture<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  private BridgeClient(Vertx vertx, WebSocketClient client, WebSocket socket) {
    this.vertx = vertx;
    this.client = client;
    this.socket = socket;
    // The bridge writes binary frames over the raw WebSocket transport; accept text ones too.
    socket.binaryMessageHandler(buffer -> onFrame(buffer.toString()));
    socket.textMessageHandler(this::onFrame);
    socket.closeHandler(v -> closed.complete(null));
    if (socket.isClosed()) {
      closed.complete(null);
    }
  }

  private void onFrame(String text) {
    JsonObject frame = new JsonObject(text);
    if ("rec".equals(frame.getString("type"))) {
      JsonObject body = frame.getValue("body") instanceof JsonObject b ? b : null;
      if (body != null && PROBE.equals(body.getString("type"))) {
        registration.complete(null);
        return;
      }
      Consumer<JsonObject> l = listener;
      if (l != null) {
        l.accept(frame.getJsonObject("body"));
      } else {
        received.add(frame);
      }
    } else if ("err".equals(frame.getString("type"))) {
      errors.add(frame);
      registration.complete(null);
    }
  }

  public static BridgeClient connect(Vertx vertx, int port, String cookie) {
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/eventbus/websocket");
    if (cookie != null) {
      options.addHeader("Cookie", cookie);
    }
    try {
      return new BridgeClient(vertx, client, client.connect(options).await(10, TimeUnit.SECONDS));
    } catch (Exception e) {
      throw new IllegalStateException("Bridge connection failed: " + e.getMessage(), e);
    }
  }

  /** {@code vertx} is the server's: {@link #register} publishes its probes on that event bus. */
  public static BridgeClient connect(Vertx vertx, HttpSession session) {
    return connect(vertx, session.port(), session.cookie());
  }

  /**
   * Registers {@code address} and returns once the bridge forwards it, or has refused it (see {@link #errors()}):
   * messages published from now on reach this client. The bridge acknowledges nothing, so a probe is published
   * on the server's bus every 50 ms until one comes through the socket (probes are never handed to the test).
   */
  public BridgeClient register(String address) {
    registration = new CompletableFuture<>();
    requestRegistration(address);
    long timer = vertx.setPeriodic(1, 50, id -> vertx.eventBus().publish(address, new JsonObject().put("type", PROBE)));
    try {
      registration.get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("The bridge neither forwarded nor refused " + address + " within 20 s", e);
    } finally {
      vertx.cancelTimer(timer);
    }
    return this;
  }

  /** Sends the register frame only (the benchmark probes its thousand clients at once, on its own). */
  public BridgeClient requestRegistration(String address) {
    socket.writeTextMessage(new JsonObject().put("type", "register").put("address", address).encode())
        .await();
    return this;
  }

  /** What the agent desktop sends every 10 s: the bridge closes a socket that stays silent for 30 s. */
  public void ping() {
    if (!socket.isClosed()) {
      socket.writeTextMessage(new JsonObject().put("type", "ping").encode());
    }
  }

  /**
   * Hands every message body to {@code l} on the socket's event loop as it arrives, instead of queueing it:
   * the benchmark stamps the arrival time there and would only fill the queue otherwise.
   */
  public BridgeClient onMessage(Consumer<JsonObject> l) {
    this.listener = l;
    return this;
  }

  /** Writes a raw frame ({"type": "send"|"publish", ...}): what a hostile browser could try. */
  public BridgeClient sendFrame(String type, String address, JsonObject body) {
    socket.writeTextMessage(new JsonObject().put("type", type).put("address", address).put("body", body).encode())
        .await();
    return this;
  }

  /** The next message body, or null after the timeout. */
  public JsonObject next(long timeout, TimeUnit unit) throws InterruptedException {
    JsonObject frame = received.poll(timeout, unit);
    return frame == null ? null : frame.getJsonObject("body");
  }

  /** The next message of the given type ("pop", "call", ...), skipping others; null after the timeout. */
  public JsonObject nextOfType(String type, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return null;
      }
      JsonObject body = next(left, TimeUnit.MILLISECONDS);
      if (body == null) {
        return null;
      }
      if (type.equals(body.getString("type"))) {
        return body;
      }
    }
  }

  /** Every message body received and not yet taken, without waiting: what has arrived by a proving event. */
  public List<JsonObject> takeReceived() {
    List<JsonObject> frames = new java.util.ArrayList<>();
    received.drainTo(frames);
    return frames.stream().map(f -> f.getJsonObject("body")).toList();
  }

  public List<JsonObject> errors() {
    return errors;
  }

  /** Waits for the server to close the socket; fails the test after {@code timeoutMs}. */
  public void awaitClosed(long timeoutMs) {
    try {
      closed.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("The bridge socket was not closed within " + timeoutMs + " ms", e);
    }
  }

  public boolean isClosed() {
    return socket.isClosed();
  }

  @Override
  public void close() {
    socket.close();
    client.close();
  }
}
