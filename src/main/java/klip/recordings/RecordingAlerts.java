package klip.recordings;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.observability.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises an alert about a stored file on every channel at once: a row, the event bus, the log and /metrics.
 * A missing or altered recording must never pass silently.
 */
public final class RecordingAlerts {

  private static final Logger log = LoggerFactory.getLogger(RecordingAlerts.class);

  private final Pool pool;
  private final EventBus bus;
  private final Metrics.Counter missing;
  private final Metrics.Counter mismatch;
  private final Metrics.Counter other;

  public RecordingAlerts(Pool pool, EventBus bus, Metrics metrics) {
    this.pool = pool;
    this.bus = bus;
    this.missing = metrics.counter("klip_recordings_missing_total", "Recordings that did not appear in time");
    this.mismatch = metrics.counter("klip_recordings_integrity_failures_total",
        "Stored files whose SHA-256 no longer matches, or that vanished");
    this.other = metrics.counter("klip_recordings_alerts_other_total", "Other alerts about stored files");
  }

  public static final String MISSING = "missing";
  public static final String SHA256_MISMATCH = "sha256_mismatch";
  public static final String VANISHED = "vanished";
  public static final String REJECTED = "rejected_name";

  public Future<Void> raise(String kind, Long recordingId, Long ticketId, String callId, String detail) {
    switch (kind) {
      case MISSING -> missing.inc();
      case SHA256_MISMATCH, VANISHED -> mismatch.inc();
      default -> other.inc();
    }
    log.error("Recording alert {}: call {}, ticket {}, recording {}: {}", kind, callId, ticketId, recordingId,
        detail);
    bus.publish(Addresses.RECORDING_ALERT, new JsonObject().put("kind", kind).put("recordingId", recordingId)
        .put("ticketId", ticketId).put("callId", callId).put("detail", detail));
    return pool.preparedQuery(RecordingQueries.ALERT).execute(Tuple.of(kind, recordingId, ticketId, callId, detail))
        .onFailure(err -> log.error("Could not store recording alert {} for call {}", kind, callId, err))
        .mapEmpty();
  }
}
