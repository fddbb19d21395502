package klip.facts;

import io.vertx.core.json.JsonObject;
import klip.observability.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many facts one consumer holds that are not applied yet. Written on the consumer's event loop, read by
 * /health, /metrics and telephony's back-pressure from any thread, hence atomics only.
 *
 * <p>Crossing {@code alertAt} logs one ERROR and shows the consumer as DEGRADED on /health: the database is
 * away or too slow, tickets are delayed (never lost). Reaching {@code capacity} is back-pressure: telephony
 * stops reading AMI until there is room again, and catches up from Asterisk when it does.
 */
public final class Backlog {

  private static final Logger log = LoggerFactory.getLogger(Backlog.class);

  private final String consumer;
  private final int alertAt;
  private final int capacity;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong applied = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong skipped = new AtomicLong();
  private volatile boolean alerting;
  private volatile long oldestSince;
  private volatile String lastError;
  private final Runnable pressureChanged;

  Backlog(String consumer, int alertAt, int capacity, Metrics metrics, Runnable pressureChanged) {
    this.consumer = consumer;
    this.pressureChanged = pressureChanged;
    this.alertAt = alertAt;
    this.capacity = capacity;
    String series = "klip_fact_backlog_" + consumer;
    metrics.gauge(series, "Call facts taken from AMI and not yet applied by " + consumer, pending::get);
    metrics.gauge(series + "_retries", "Attempts of " + consumer + " to apply a call fact again after a failure",
        retries::get);
    metrics.gauge(series + "_skipped", "Call facts " + consumer + " could never apply (logged with the call)",
        skipped::get);
  }

  public String consumer() {
    return consumer;
  }

  public int pending() {
    return pending.get();
  }

  public int capacity() {
    return capacity;
  }

  public boolean full() {
    return pending.get() >= capacity;
  }

  /** Below half the capacity: room enough to take AMI events again after back-pressure. */
  public boolean roomy() {
    return pending.get() < capacity / 2;
  }

  void added() {
    int now = pending.incrementAndGet();
    if (now == 1) {
      oldestSince = System.currentTimeMillis();
    }
    if (now >= alertAt && !alerting) {
      alerting = true;
      log.error("{}: {} call facts waiting to be applied (last error: {}); tickets are delayed, not lost",
          consumer, now, lastError);
    }
    if (now == capacity) {
      pressureChanged.run();
    }
  }

  void done(boolean wasApplied) {
    int now = pending.decrementAndGet();
    if (wasApplied) {
      applied.incrementAndGet();
    } else {
      skipped.incrementAndGet();
    }
    if (now == capacity / 2 - 1) {
      pressureChanged.run(); // just fell below half: maybe room enough for every consumer
    }
    if (now == 0) {
      if (alerting) {
        log.info("{}: every waiting call fact is applied again", consumer);
      }
      alerting = false;
      lastError = null;
    } else {
      oldestSince = System.currentTimeMillis();
    }
  }

  void failed(String error) {
    retries.incrementAndGet();
    lastError = error;
  }

  /** The /health entry: UP, or DEGRADED above the alert threshold, with the figures. */
  public JsonObject health() {
    int now = pending.get();
    JsonObject check = new JsonObject().put("status", now >= alertAt ? "DEGRADED" : "UP")
        .put("pending", now).put("alertAt", alertAt).put("capacity", capacity)
        .put("applied", applied.get()).put("retries", retries.get()).put("skipped", skipped.get());
    if (now > 0) {
      check.put("waitingMs", System.currentTimeMillis() - oldestSince);
    }
    if (lastError != null) {
      check.put("lastError", lastError);
    }
    return check;
  }
}
