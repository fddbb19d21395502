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
 * The admin page's import jobs in PostgreSQL: a job exists once its row commits, and each chunk's articles commit in
 * one transaction with the job's progress, so an acknowledged chunk is imported and counted exactly once. The row
 * is the job: a job a stopped server left running is continued by whichever server receives its next chunk, from
 * the line after the last acknowledged one ({@code nextLine}).
 */
final class ImportJobs {

  private final Pool pool;

  ImportJobs(Pool pool) {
    this.pool = pool;
  }

  /** A stored job: its owner, state, progress JSON and, when failed, why. */
  record Stored(String owner, String state, JsonObject progress, String failure) {

    /** The first line of the file not acknowledged yet: where the client continues. */
    int nextLine() {
      return progress.getInteger("done") + 1;
    }

    JsonObject toJson() {
      return progress.copy().put("state", state).put("failure", failure).put("nextLine", nextLine());
    }
  }

  /** {@code audit} appends the request's audit entry in the job's transaction. */
  Future<Void> create(UUID id, String owner, ArticleImporter.Progress progress,
                      Function<SqlConnection, Future<Void>> audit) {
    return pool.withTransaction(tx -> tx.preparedQuery(SikpQueries.IMPORT_JOB_CREATE)
        .execute(Tuple.of(id, owner, progress.total(), progress.toJson()))
        .compose(v -> audit.apply(tx)));
  }

  /**
   * Runs {@code work} in one transaction with the job's row locked (null when there is no such job), and stores the
   * progress and state it returns with it: two chunks of one job never interleave.
   */
  Future<Stored> update(UUID id, Function<Locked, Future<Stored>> work) {
    return pool.withTransaction(tx -> tx.preparedQuery(SikpQueries.IMPORT_JOB_LOCK).execute(Tuple.of(id))
        .compose(rows -> work.apply(new Locked(tx, rows.iterator().hasNext() ? stored(rows.iterator().next()) : null)))
        .compose(after -> after == null ? Future.succeededFuture() : tx.preparedQuery(SikpQueries.IMPORT_JOB_PROGRESS)
            .execute(Tuple.of(id, after.progress(), after.state())).map(after)));
  }

  /** A job's row as locked by {@link #update}, with its transaction. */
  record Locked(SqlConnection tx, Stored job) {
  }

  /** The stored job; null when there is none. */
  Future<Stored> find(UUID id) {
    return pool.preparedQuery(SikpQueries.IMPORT_JOB_BY_ID).execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? stored(rows.iterator().next()) : null);
  }

  /** How many jobs are waiting for their next chunk (at start: those a stop interrupted). */
  Future<Integer> unfinished() {
    return pool.query(SikpQueries.IMPORT_JOBS_RUNNING).execute()
        .map(rows -> rows.iterator().next().getLong("n").intValue());
  }

  private static Stored stored(Row r) {
    return new Stored(r.getString("owner"), r.getString("state"), r.getJsonObject("progress"),
        r.getString("failure"));
  }
}
