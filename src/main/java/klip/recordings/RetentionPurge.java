package klip.recordings;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes files older than the retention period and marks their rows purged (the row, the alerts and the
 * playback audit stay). Logs every file it removed, by name and row.
 */
public final class RetentionPurge {

  private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);
  private static final int BATCH = 500;

  private final Vertx vertx;
  private final Pool pool;
  private final RecordingStore store;
  private final int retentionDays;
  private final PlaybackGrants grants;

  public RetentionPurge(Vertx vertx, Pool pool, RecordingStore store, int retentionDays, PlaybackGrants grants) {
    this.grants = grants;
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.retentionDays = retentionDays;
  }

  /** Purges everything expired; returns how many files were removed. */
  public Future<Integer> run() {
    return batch(0).onSuccess(n -> log.info("Retention purge ({} days): {} files removed", retentionDays, n));
  }

  private Future<Integer> batch(int done) {
    return pool.preparedQuery(RecordingQueries.EXPIRED).execute(Tuple.of(retentionDays, BATCH)).compose(rows -> {
      Future<Integer> chain = Future.succeededFuture(done);
      for (Row r : rows) {
        chain = chain.compose(n -> purge(r).map(x -> n + 1));
      }
      int size = rows.size();
      return chain.compose(n -> size < BATCH ? Future.succeededFuture(n) : batch(n));
    });
  }

  private Future<Void> purge(Row r) {
    long id = r.getLong("id");
    String name = r.getString("rel_path");
    String path = store.resolve(name).toString();
    // An open playback holds the file open: it ends with the file, not when its grant would have.
    grants.revoke(id);
    return vertx.fileSystem().exists(path)
        .compose(exists -> exists ? vertx.fileSystem().delete(path).map("deleted") : Future.succeededFuture("absent"))
        .compose(how -> pool.preparedQuery(RecordingQueries.MARK_PURGED)
            .execute(Tuple.of(id, "retention " + retentionDays + " days; file " + how))
            .onSuccess(x -> log.info("Purged {} {} (recording {}, ticket {}): file {}", r.getString("kind"), name, id,
                r.getLong("ticket_id"), how)))
        .mapEmpty();
  }
}
