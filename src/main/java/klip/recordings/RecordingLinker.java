package klip.recordings;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.observability.Metrics;
import klip.tickets.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * Links a call's MixMonitor file to its ticket once the call has ended: waits (up to the grace period) for the
 * file to appear and stop growing, reads it on the worker pool (size, WAV header, SHA-256, peaks) and stores
 * the row. A recording that does not appear in time is stored as missing and raised as an alert. Other
 * MixMonitors' files on the call are linked as extra recordings; an unanswered call's header-only file is removed.
 * Runs on the recordings verticle's event loop.
 */
final class RecordingLinker {

  private static final Logger log = LoggerFactory.getLogger(RecordingLinker.class);

  private final Vertx vertx;
  private final Pool pool;
  private final WorkerExecutor io;
  private final RecordingStore store;
  private final RecordingAlerts alerts;
  private final long graceMs;
  private final long pollMs;
  private static final long MAX_POLL_MS = 5_000;
  private final Metrics.Counter linked;
  private final Metrics.Counter emptyRemoved;
  private final Map<String, JsonObject> announced = new HashMap<>();
  private final Tickets tickets;

  RecordingLinker(Vertx vertx, Pool pool, WorkerExecutor io, RecordingStore store, RecordingAlerts alerts,
                  long graceMs, Metrics metrics, Tickets tickets) {
    this.tickets = tickets;
    this.vertx = vertx;
    this.pool = pool;
    this.io = io;
    this.store = store;
    this.alerts = alerts;
    this.graceMs = graceMs;
    this.pollMs = Math.max(20, Math.min(500, graceMs / 20));
    this.linked = metrics.counter("klip_recordings_linked_total", "Call recordings linked to their ticket");
    this.emptyRemoved = metrics.counter("klip_recordings_empty_removed_total",
        "Header-only recordings of unanswered calls removed");
  }

  /** telephony.call.recording: remembered until the call ends (the ended fact usually repeats it). */
  void onRecording(JsonObject fact) {
    announced.put(fact.getString("callId"), fact);
  }

  Future<Void> onEnded(JsonObject fact) {
    String callId = fact.getString("callId");
    JsonObject announcement = announced.remove(callId);
    String file = fact.getString("recordingFile", announcement == null ? null : announcement.getString("file"));
    // Without an announcement (a call first learned at a resync) the dialplan's name still follows from the
    // queued leg's Uniqueid, or the caller's own (a trunk call has one leg).
    String uniqueId = fact.getString("recordingUniqueId", announcement == null ? null
        : announcement.getString("uniqueId"));
    if (uniqueId == null) {
      uniqueId = fact.getString("queuedUniqueId") != null ? fact.getString("queuedUniqueId") : callId;
    }
    // An unanswered call's fact has "answeredAt": null (a present key: getLong's default does not apply).
    Long answered = fact.getLong("answeredAt");
    long answeredAt = answered != null ? answered : fact.getLong("eventAt", System.currentTimeMillis());
    Long firstSeen = fact.getLong("firstSeenAt");
    long startedAt = firstSeen != null ? firstSeen : answeredAt;
    if (!fact.getBoolean("answered", false)) {
      // MixMonitor's 'b' option records only bridged audio: an unanswered call leaves a header-only file.
      return nameOf(callId, file, uniqueId, startedAt).compose(name -> name == null ? Future.succeededFuture()
          : discardIfEmpty(callId, name));
    }
    long deadline = System.currentTimeMillis() + graceMs;
    return nameOf(callId, file, uniqueId, startedAt).compose(name -> name == null
        ? missing(callId, answeredAt, "MixMonitor did not start for this answered call")
        : awaitStable(store.resolve(name), deadline, -1, pollMs).compose(found -> found
            ? link(callId, name, answeredAt, RecordingQueries.LINK_AUDIO, "call_audio", "recording_linked")
            : missing(callId, answeredAt, "no file " + name + " within " + graceMs + " ms of the call's end")));
  }

  /**
   * telephony.call.ended / missed: an unanswered call's header-only file is removed; an answered call's other
   * MixMonitors (extra recordings) are linked. Its own recording is linked when tickets says it is due.
   */
  Future<Void> onCallOver(JsonObject fact) {
    if (!fact.getBoolean("answered", false)) {
      return onEnded(fact);
    }
    JsonArray extras = fact.getJsonArray("extraRecordings", new JsonArray());
    Long answered = fact.getLong("answeredAt");
    long answeredAt = answered != null ? answered : System.currentTimeMillis();
    return linkExtras(fact.getString("callId"), extras, answeredAt, System.currentTimeMillis() + graceMs);
  }

  /** Other MixMonitors' files on the call: linked to the ticket as extra recordings once they are complete. */
  private Future<Void> linkExtras(String callId, JsonArray files, long answeredAt, long deadline) {
    Future<Void> chain = Future.succeededFuture();
    for (Object f : files) {
      chain = chain.compose(v -> nameOf(callId, (String) f, null, answeredAt)).compose(name -> name == null
          ? Future.succeededFuture()
          : awaitStable(store.resolve(name), deadline, -1, pollMs).compose(found -> {
            if (!found) {
              log.warn("Call {}: extra recording {} did not appear", callId, name);
              return Future.succeededFuture();
            }
            return link(callId, name, answeredAt, RecordingQueries.LINK_EXTRA, "call_audio_extra",
                "recording_extra");
          }));
    }
    return chain;
  }

  /** Deletes the 44-byte WAV header MixMonitor leaves for a caller who was never bridged; keeps anything else. */
  private Future<Void> discardIfEmpty(String callId, String name) {
    Path path = store.resolve(name);
    return awaitStable(path, System.currentTimeMillis() + Math.min(graceMs, 5_000), -1, pollMs)
        .compose(found -> !found ? Future.succeededFuture() : io.executeBlocking(() -> {
          if (java.nio.file.Files.size(path) != WavInfo.HEADER_BYTES) {
            return false;
          }
          java.nio.file.Files.delete(path);
          log.info("Call {}: empty recording {} of an unanswered call removed", callId, name);
          return true;
        }, false).map(removed -> {
          if (removed) {
            emptyRemoved.inc();
          }
          return null;
        }));
  }

  private Future<String> nameOf(String callId, String file, String uniqueId, long startedAt) {
    if (file != null) {
      try {
        return Future.succeededFuture(store.fromAsterisk(file));
      } catch (RecordingStore.PathRejected e) {
        return alerts.raise(RecordingAlerts.REJECTED, null, null, callId, e.getMessage())
            .map(v -> derivedOrNull(uniqueId, startedAt));
      }
    }
    return Future.succeededFuture(derivedOrNull(uniqueId, startedAt));
  }

  private String derivedOrNull(String uniqueId, long startedAt) {
    try {
      return uniqueId == null ? null : store.derived(uniqueId, startedAt, ZoneId.systemDefault());
    } catch (RecordingStore.PathRejected e) {
      log.warn("Cannot derive a recording name: {}", e.getMessage());
      return null;
    }
  }

  /**
   * True once the file exists and its size held still between two looks; false at the deadline. A file still
   * growing is looked at again soon; a file not there yet less and less often (doubling up to a few seconds),
   * so a long grace period with many calls does not turn into a storm of file-system calls.
   */
  private Future<Boolean> awaitStable(Path path, long deadline, long lastSize, long delayMs) {
    return vertx.fileSystem().exists(path.toString())
        .compose(exists -> exists ? vertx.fileSystem().props(path.toString()).map(p -> p.size())
            : Future.succeededFuture(-1L))
        .compose(size -> {
          if (size >= 0 && size == lastSize) {
            return Future.succeededFuture(true);
          }
          if (System.currentTimeMillis() >= deadline) {
            return Future.succeededFuture(false);
          }
          Promise<Boolean> next = Promise.promise();
          long nextDelay = size >= 0 ? pollMs : Math.min(delayMs * 2, MAX_POLL_MS);
          long wait = Math.max(1, Math.min(delayMs, deadline - System.currentTimeMillis()));
          vertx.setTimer(wait, id -> awaitStable(path, deadline, size, nextDelay).onComplete(next));
          return next.future();
        });
  }

  private Future<Void> link(String callId, String name, long answeredAt, String query, String kind,
                            String eventKind) {
    Path path = store.resolve(name);
    return io.executeBlocking(() -> FileAnalyser.analyse(path, true), false)
        .compose(a -> ticketOf(callId).compose(ticketId -> pool.preparedQuery(query)
            .execute(Tuple.tuple().addLong(ticketId).addString(callId).addString(name)
                .addString(a.wav().format()).addLong(a.size()).addLong(a.wav().durationMs()).addString(a.sha256())
                .addValue(peaksJson(a.peaks())).addValue(at(answeredAt)))
            .compose(rows -> {
              if (!rows.iterator().hasNext()) {
                return Future.succeededFuture(); // linked before (a repeated end after a reconnect)
              }
              long id = rows.iterator().next().getLong("id");
              linked.inc();
              log.info("Call {}: recording {} linked to ticket {} ({} bytes, {} ms)", callId, name, ticketId,
                  a.size(), a.wav().durationMs());
              // Told once the ticket's timeline has it too (or its row could not be written): whoever reads the
              // ticket on this news finds the recording on its timeline.
              return ticketEvent(ticketId, eventKind, new JsonObject().put("recordingId", id)
                  .put("durationMs", a.wav().durationMs()))
                  .andThen(done -> vertx.eventBus().publish(Addresses.RECORDING_LINKED, new JsonObject()
                      .put("recordingId", id).put("ticketId", ticketId).put("callId", callId).put("kind", kind)));
            })))
        .recover(err -> err instanceof IllegalArgumentException
            ? missing(callId, answeredAt, "file " + name + " is not a valid WAV: " + err.getMessage())
            : Future.failedFuture(err));
  }

  private Future<Void> missing(String callId, long answeredAt, String why) {
    return ticketOf(callId).compose(ticketId -> pool.preparedQuery(RecordingQueries.MARK_MISSING)
        .execute(Tuple.tuple().addLong(ticketId).addString(callId).addString(why).addValue(at(answeredAt)))
        .compose(rows -> {
          if (!rows.iterator().hasNext()) {
            return Future.succeededFuture();
          }
          long id = rows.iterator().next().getLong("id");
          return ticketEvent(ticketId, "recording_missing", new JsonObject().put("reason", why))
              .compose(v -> alerts.raise(RecordingAlerts.MISSING, id, ticketId, callId, why));
        }));
  }

  private Future<Long> ticketOf(String callId) {
    return tickets.ofCall(callId).map(ticket -> ticket == null ? null : ticket.id());
  }

  private Future<Void> ticketEvent(Long ticketId, String kind, JsonObject detail) {
    if (ticketId == null) {
      return Future.succeededFuture();
    }
    return tickets.addToTimeline(ticketId, null, "system", kind, detail);
  }

  static OffsetDateTime at(long millis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  private static JsonArray peaksJson(int[] peaks) {
    JsonArray a = new JsonArray();
    if (peaks != null) {
      for (int p : peaks) {
        a.add(p);
      }
    }
    return a;
  }
}
