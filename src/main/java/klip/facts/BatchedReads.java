package klip.facts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import klip.facts.StatementGroups.Statement;

/**
 * Reads a consumer makes for each call, grouped the way {@link GroupCommit} groups writes: idle, a read goes at
 * once; reads asked for while {@code maxInFlight} groups are under way wait and go together on one connection,
 * those with the same SQL as one batch execution (one command and one sync for all their rows). Under a burst of
 * calls that is a few round trips and implicit transactions instead of one per read; a lone read is not delayed.
 *
 * <p>Confined to the owning verticle's event loop.
 */
public final class BatchedReads {

  private static final int MAX_BATCH = 100;

  private final Pool pool;
  private final StatementGroups groups;

  /** @param maxInFlight groups of reads under way at once (connections taken from the pool at most) */
  public BatchedReads(Pool pool, int maxInFlight) {
    this.pool = pool;
    this.groups = new StatementGroups(maxInFlight, MAX_BATCH, this::run);
  }

  /** Runs {@code sql} in the next group of reads; completes with its rows. */
  public Future<RowSet<Row>> execute(String sql, Tuple params) {
    return groups.submit(sql, params);
  }

  private Future<Void> run(List<Statement> group) {
    if (group.size() == 1) {
      Statement read = group.get(0);
      return pool.preparedQuery(read.sql()).execute(read.params()).onComplete(read.done()).transform(ar ->
          Future.succeededFuture());
    }
    return pool.withConnection(conn -> runAll(conn, group)).recover(err -> {
      // No connection could be had, or it broke: every read not answered yet fails with it.
      group.forEach(read -> read.done().tryFail(err));
      return Future.succeededFuture();
    });
  }

  private Future<Void> runAll(SqlConnection conn, List<Statement> group) {
    Map<String, List<Statement>> bySql = new LinkedHashMap<>();
    group.forEach(read -> bySql.computeIfAbsent(read.sql(), sql -> new ArrayList<>()).add(read));
    List<Future<?>> batches = new ArrayList<>(bySql.size());
    bySql.forEach((sql, reads) -> {
      List<Tuple> params = new ArrayList<>(reads.size());
      reads.forEach(read -> params.add(read.params()));
      batches.add(conn.preparedQuery(sql).executeBatch(params).transform(ar -> {
        if (ar.succeeded()) {
          RowSet<Row> result = ar.result();
          for (Statement read : reads) {
            read.done().complete(result);
            result = result.next();
          }
          return Future.succeededFuture();
        }
        // One bad read must not fail the others: each alone.
        List<Future<?>> alone = new ArrayList<>(reads.size());
        for (Statement read : reads) {
          alone.add(conn.preparedQuery(sql).execute(read.params()).onComplete(read.done()));
        }
        return Future.join(alone).transform(done -> Future.succeededFuture());
      }));
    });
    return Future.join(batches).transform(ar -> Future.succeededFuture());
  }
}
