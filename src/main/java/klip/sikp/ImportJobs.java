package klip.sikp;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;
import java.util.function.Function;

/**
 * The admin page's import jobs in PostgreSQL: a job exists once its row commits, and its progress is stored before
 * each chunk is acknowledged. Each server process has its own run id; a job still running under another run was
 * interrupted by a stop, and is marked failed with that reason (at start, and whenever such a job is asked for).
 */
final class ImportJobs {

  static final String INTERRUPTED = "Impor terputus karena server dimulai ulang; kirim berkas itu lagi (baris yang "
      + "sudah masuk tidak akan berubah) (import interrupted by a server restart; send the file again)";

  private final Pool pool;
  private final UUID run = UUID.randomUUID();

  ImportJobs(Pool pool) {
    this.pool = pool;
  }

  /** A stored job: its owner, state, progress JSON and, when failed, why. */
  record Stored(String owner, String state, JsonObject progress, String failure) {

    JsonObject toJson() {
      return progress.copy().put("state", state).put("failure", failure);
    }
  }

  /** {@code audit} appends the request's audit entry in the job's transaction. */
  Future<Void> create(UUID id, String owner, ArticleImporter.Progress progress,
                      Function<SqlConnection, Future<Void>> audit) {
    return pool.withTransaction(tx -> tx.preparedQuery(SikpQueries.IMPORT_JOB_CREATE)
        .execute(Tuple.of(id, owner, progress.total(), progress.toJson(), run)).compose(v -> audit.apply(tx)));
  }

  Future<Void> progressed(UUID id, ArticleImporter.Progress progress, String state) {
    return progressed(id, progress, state, tx -> Future.succeededFuture());
  }

  Future<Void> progressed(UUID id, ArticleImporter.Progress progress, String state,
                          Function<SqlConnection, Future<Void>> alsoInTransaction) {
    return pool.withTransaction(tx -> tx.preparedQuery(SikpQueries.IMPORT_JOB_PROGRESS)
        .execute(Tuple.of(id, progress.toJson(), state)).compose(v -> alsoInTransaction.apply(tx)));
  }

  /** The stored job, with an interruption by an earlier run recorded first; null when there is none. */
  Future<Stored> find(UUID id) {
    return pool.preparedQuery(SikpQueries.IMPORT_JOB_FAIL_INTERRUPTED).execute(Tuple.of(run, INTERRUPTED, id))
        .compose(v -> pool.preparedQuery(SikpQueries.IMPORT_JOB_BY_ID).execute(Tuple.of(id)))
        .map(rows -> {
          if (!rows.iterator().hasNext()) {
            return null;
          }
          Row r = rows.iterator().next();
          return new Stored(r.getString("owner"), r.getString("state"), r.getJsonObject("progress"),
              r.getString("failure"));
        });
  }

  /** At start: every job an earlier run left running is failed with the reason; completes with their count. */
  Future<Integer> failInterrupted() {
    return pool.preparedQuery(SikpQueries.IMPORT_JOB_FAIL_INTERRUPTED).execute(Tuple.of(run, INTERRUPTED, null))
        .map(rows -> rows.rowCount());
  }
}
