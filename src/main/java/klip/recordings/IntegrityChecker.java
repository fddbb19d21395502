package klip.recordings;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Verifies stored files against the SHA-256 taken when they were linked, on demand and on a schedule.
 * A mismatch marks the row corrupt and raises an alert; the file is never replaced or re-hashed into the row.
 */
public final class IntegrityChecker {

  private static final Logger log = LoggerFactory.getLogger(IntegrityChecker.class);
  private static final int PAGE = 200;

  private final Pool pool;
  private final WorkerExecutor io;
  private final RecordingStore store;
  private final RecordingAlerts alerts;
  private final PlaybackGrants grants;

  public IntegrityChecker(Pool pool, WorkerExecutor io, RecordingStore store, RecordingAlerts alerts,
                          PlaybackGrants grants) {
    this.pool = pool;
    this.io = io;
    this.store = store;
    this.alerts = alerts;
    this.grants = grants;
  }

  /** The outcome for one row: {id, status: ok|sha256_mismatch|vanished|skipped, expected, actual}. */
  public Future<JsonObject> verify(Row r) {
    long id = r.getLong("id");
    String expected = r.getString("sha256");
    String name = r.getString("rel_path");
    JsonObject result = new JsonObject().put("id", id).put("expected", expected);
    if (!"present".equals(r.getString("status")) || name == null || expected == null) {
      return Future.succeededFuture(result.put("status", "skipped").put("detail", r.getString("status")));
    }
    Path path = store.resolve(name);
    return io.executeBlocking(() -> Files.exists(path) ? FileAnalyser.sha256Of(path) : null, false)
        .recover(err -> err instanceof NoSuchFileException ? Future.succeededFuture(null) : Future.failedFuture(err))
        .compose(actual -> {
          if (expected.equals(actual)) {
            return pool.preparedQuery(RecordingQueries.VERIFIED).execute(Tuple.of(id))
                .map(x -> result.put("status", "ok").put("actual", actual));
          }
          String kind = actual == null ? RecordingAlerts.VANISHED : RecordingAlerts.SHA256_MISMATCH;
          String detail = actual == null ? "file " + name + " is gone"
              : "file " + name + " has SHA-256 " + actual + ", stored " + expected;
          // A playback already opened must not go on serving a file that is no longer the recorded one.
          grants.revoke(id);
          return pool.preparedQuery(RecordingQueries.MARK_CORRUPT).execute(Tuple.of(id, detail))
              .compose(x -> alerts.raise(kind, id, r.getLong("ticket_id"), r.getString("call_id"), detail))
              .map(x -> result.put("status", kind).put("actual", actual));
        });
  }

  /** Walks every present file, a page at a time, one file at a time (the disk, not the CPU, is the limit). */
  public Future<Integer> verifyAll() {
    return page(0L, 0).onSuccess(n -> log.info("Integrity check done: {} files verified", n));
  }

  private Future<Integer> page(long afterId, int done) {
    return pool.preparedQuery(RecordingQueries.PRESENT_PAGE).execute(Tuple.of(afterId, PAGE)).compose(rows -> {
      Future<Long> chain = Future.succeededFuture(afterId);
      int count = 0;
      for (Row r : rows) {
        count++;
        chain = chain.compose(last -> verify(r).recover(err -> {
          log.error("Integrity check of recording {} failed", r.getLong("id"), err);
          return Future.succeededFuture(new JsonObject());
        }).map(x -> r.getLong("id")));
      }
      int total = done + count;
      int pageSize = count;
      return chain.compose(last -> pageSize < PAGE ? Future.succeededFuture(total) : page(last, total));
    });
  }
}
