package klip.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A browser's side of the event-bus bridge, over the same plain WebSocket the agent desktop uses, with the
 * browser's session cookie. Received messages are queued for the test to take, with a deadline.
 */
public final class BridgeClient implements AutoCloseable {

  /** Held for the socket's lifetime: Vert.x closes an unreachable client, and its connections, on GC. */
  private final WebSocketClient client;
  private final WebSocket socket;
  private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
  private final List<JsonObject> errors = new CopyOnWriteArrayList<>();
  private volatile Consumer<JsonObject> listener;

  private BridgeClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    // The bridge writes binary frames over the raw WebSocket transport; accept text ones too.
    socket.binaryMessageHandler(buffer -> onFrame(buffer.toString()));
    socket.textMessageHandler(this::onFrame);
  }

  private void onFrame(String text) {
    JsonObject frame = new JsonObject(text);
    if ("rec".equals(frame.getString("type"))) {
      Consumer<JsonObject> l = listener;
      if (l != null) {
        l.accept(frame.getJsonObject("body"));
      } else {
        received.add(frame);
      }
    } else if ("err".equals(frame.getString("type"))) {
      errors.add(frame);
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
      return new BridgeClient(client, client.connect(options).await(10, TimeUnit.SECONDS));
    } catch (Exception e) {
      throw new IllegalStateException("Bridge connection failed: " + e.getMessage(), e);
    }
  }

  public static BridgeClient connect(Vertx vertx, HttpSession session) {
    return connect(vertx, session.port(), session.cookie());
  }

  /** Registers and waits until the bridge has processed it (a ping round trip is not available, so we
   * send a second frame and rely on the socket's ordering; an error frame reports a refusal). */
  public BridgeClient register(String address) {
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

  public List<JsonObject> errors() {
    return errors;
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
