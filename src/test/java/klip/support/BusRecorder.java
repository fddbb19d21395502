package klip.support;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records what the server publishes on an event-bus address, so a test can wait for it instead of sleeping. */
public final class BusRecorder implements AutoCloseable {

  private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
  private final MessageConsumer<JsonObject> consumer;

  public BusRecorder(Vertx vertx, String address) {
    consumer = vertx.eventBus().consumer(address, m -> messages.add(m.body()));
    try {
      consumer.completion().await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits for {@code n} messages in all; fails the test with what arrived if the deadline passes. */
  public List<JsonObject> await(int n, long timeoutMs) throws InterruptedException {
    List<JsonObject> got = new ArrayList<>();
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (got.size() < n) {
      JsonObject m = messages.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      if (m == null) {
        throw new AssertionError("Expected " + n + " messages, got " + got.size() + ": " + got);
      }
      got.add(m);
    }
    return got;
  }

  /** Waits for the first message matching the predicate. */
  public JsonObject awaitMatching(java.util.function.Predicate<JsonObject> match, long timeoutMs)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      JsonObject m = messages.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      if (m == null) {
        throw new AssertionError("No matching message within " + timeoutMs + " ms");
      }
      if (match.test(m)) {
        return m;
      }
    }
  }

  @Override
  public void close() {
    consumer.unregister();
  }
}
