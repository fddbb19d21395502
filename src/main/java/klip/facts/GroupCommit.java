package klip.facts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import klip.facts.StatementGroups.Statement;

/**
 * Group commit for one consumer's writes: statements submitted while earlier batches are being committed wait and
 * go together, in one transaction, pipelined on one connection. Idle, a statement goes at once (a batch of one);
 * under a burst of calls, dozens share a commit and its flush to disk, so durability (fsync, synchronous commit)
 * costs per batch, not per fact. Each statement's future completes only after its batch committed.
 *
 * <p>A batch runs its statements grouped by SQL (each group in the order submitted): a consumer keeps a call's
 * facts in order by submitting the next only after the previous completed ({@link FactQueue}), so no batch holds
 * two statements of one call. When a batch fails for what a statement says (not
 * the connection), each statement is tried again in a transaction of its own, so only the bad one fails.
 *
 * <p>Confined to the owning verticle's event loop.
 */
public final class GroupCommit {

  private static final int MAX_BATCH = 200;

  private final Pool pool;
  private final StatementGroups batches;
  private final WriteFence fence;

  /** @param maxInFlight batches committing at once (connections taken from the pool at most) */
  public GroupCommit(Pool pool, int maxInFlight) {
    this(pool, maxInFlight, WriteFence.NONE);
  }

  /** @param fence checked in each batch's transaction; a batch it refuses fails with {@link WriteFence.FencedOut} */
  public GroupCommit(Pool pool, int maxInFlight, WriteFence fence) {
    this.pool = pool;
    this.fence = fence;
    this.batches = new StatementGroups(maxInFlight, MAX_BATCH, this::commit);
  }

  /** Runs {@code sql} in the next batch; completes with its rows once that batch is committed. */
  public Future<RowSet<Row>> execute(String sql, Tuple params) {
    return batches.submit(sql, params);
  }

  private Future<Void> commit(List<Statement> batch) {
    // One statement is atomic on its own: no BEGIN and COMMIT round trips when the consumer is not busy.
    Future<List<RowSet<Row>>> committed;
    if (fence != WriteFence.NONE) {
      committed = pool.withTransaction(conn -> fenced(conn, batch));
    } else if (batch.size() == 1) {
      committed = pool.preparedQuery(batch.get(0).sql()).execute(batch.get(0).params()).map(List::of);
    } else {
      committed = pool.withTransaction(conn -> runAll(conn, batch));
    }
    return committed
        .transform(ar -> {
          if (ar.succeeded()) {
            for (int i = 0; i < batch.size(); i++) {
              batch.get(i).done().complete(ar.result().get(i));
            }
            return Future.succeededFuture();
          }
          if (batch.size() == 1 || Failures.transientFailure(ar.cause())
              || ar.cause() instanceof WriteFence.FencedOut) {
            batch.forEach(s -> s.done().fail(ar.cause()));
            return Future.succeededFuture();
          }
          // One statement spoiled the batch: each alone, so the others still commit.
          Future<Void> alone = Future.succeededFuture();
          for (Statement s : batch) {
            alone = alone.compose(v -> commit(List.of(s)));
          }
          return alone;
        });
  }

  /**
   * The fence and the statements go pipelined on the batch's connection (no round trip more than the transaction's);
   * the fence locks the lease row first, so a take-over waits for this commit or this batch sees the new owner, and a
   * refusal rolls back whatever the statements did.
   */
  private Future<List<RowSet<Row>>> fenced(SqlConnection conn, List<Statement> batch) {
    Future<Boolean> holds = fence.holds(conn);
    Future<List<RowSet<Row>>> rows = runAll(conn, batch);
    return Future.join(holds, rows).transform(ar -> {
      if (holds.succeeded() && !holds.result()) {
        return Future.failedFuture(new WriteFence.FencedOut());
      }
      return ar.succeeded() ? rows : Future.failedFuture(ar.cause());
    });
  }

  /**
   * Statements with the same SQL go as one batch execution (one command, one sync for all their rows): a burst
   * of calls is mostly the same few statements. Regrouping changes no call's order: a consumer has at most one
   * statement of a call in a batch.
   */
  private static Future<List<RowSet<Row>>> runAll(SqlConnection conn, List<Statement> batch) {
    Map<String, List<Integer>> bySql = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      bySql.computeIfAbsent(batch.get(i).sql(), sql -> new ArrayList<>()).add(i);
    }
    List<RowSet<Row>> rows = new ArrayList<>(Collections.nCopies(batch.size(), null));
    List<Future<?>> groups = new ArrayList<>(bySql.size());
    bySql.forEach((sql, indexes) -> {
      List<Tuple> params = new ArrayList<>(indexes.size());
      indexes.forEach(i -> params.add(batch.get(i).params()));
      groups.add(conn.preparedQuery(sql).executeBatch(params).onSuccess(first -> {
        RowSet<Row> result = first;
        for (int i : indexes) {
          rows.set(i, result);
          result = result.next();
        }
      }));
    });
    return Future.all(groups).map(all -> rows);
  }
}
