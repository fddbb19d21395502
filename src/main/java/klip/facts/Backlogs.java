package klip.facts;

import io.vertx.core.json.JsonObject;
import klip.observability.Metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every consumer's backlog of call facts, for /health and for telephony's back-pressure. */
public final class Backlogs {

  private final Metrics metrics;
  private final int alertAt;
  private final int capacity;
  private final List<Backlog> all = new CopyOnWriteArrayList<>();
  private final List<Runnable> pressureWatchers = new CopyOnWriteArrayList<>();

  /**
   * @param alertAt  facts waiting per consumer beyond which the alert is raised
   * @param capacity facts a consumer may hold in memory; reaching it pauses reading from Asterisk
   */
  public Backlogs(Metrics metrics, int alertAt, int capacity) {
    if (alertAt < 1 || capacity < alertAt || capacity < 2) {
      throw new IllegalArgumentException("KLIP_FACT_BACKLOG_ALERT (" + alertAt + ") must be at least 1 and at most "
          + "KLIP_FACT_BACKLOG_MAX (" + capacity + "), which must be at least 2");
    }
    this.metrics = metrics;
    this.alertAt = alertAt;
    this.capacity = capacity;
  }

  /** The backlog of one consumer (a capability applying call facts), registered for /health. */
  public Backlog of(String consumer) {
    return of(consumer, alertAt);
  }

  /**
   * As {@link #of(String)}, for a consumer whose facts normally wait a while (a recording file that has yet to
   * appear): the alert is raised at a tenth of the capacity, not at the usual threshold.
   */
  public Backlog ofSlow(String consumer) {
    return of(consumer, Math.max(alertAt, capacity / 10));
  }

  private Backlog of(String consumer, int consumerAlertAt) {
    Backlog backlog = new Backlog(consumer, Math.min(consumerAlertAt, capacity), capacity, metrics,
        () -> pressureWatchers.forEach(Runnable::run));
    all.add(backlog);
    return backlog;
  }

  /**
   * Calls {@code watcher} (on the thread of the consumer whose backlog changed) when a consumer reaches its
   * capacity or falls back below half of it; the watcher then reads {@link #anyFull()} / {@link #allRoomy()}.
   */
  public void watchPressure(Runnable watcher) {
    pressureWatchers.add(watcher);
  }

  /** Whether some consumer is at capacity: time to stop taking AMI events. */
  public boolean anyFull() {
    return all.stream().anyMatch(Backlog::full);
  }

  /** Whether every consumer has room again. */
  public boolean allRoomy() {
    return all.stream().allMatch(Backlog::roomy);
  }

  /** One entry per consumer; DEGRADED when some consumer is above the alert threshold. */
  public JsonObject health() {
    JsonObject consumers = new JsonObject();
    boolean degraded = false;
    for (Backlog b : all) {
      JsonObject h = b.health();
      degraded |= !h.getString("status").equals("UP");
      consumers.put(b.consumer(), h);
    }
    return new JsonObject().put("status", degraded ? "DEGRADED" : "UP").put("consumers", consumers);
  }
}
