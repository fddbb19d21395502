package klip.facts;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import klip.db.Database;
import klip.support.Sql;
import klip.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Group commit on the real PostgreSQL: statements that wait share one transaction; one bad statement spoils none. */
class GroupCommitTest {

  private static final String INSERT = "INSERT INTO group_commit_probe (id, note) VALUES ($1, $2) RETURNING id";

  private Vertx vertx;
  private Pool pool;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Database database = TestPostgres.freshDatabase();
    pool = database.pool(vertx, 4);
    pool.query("CREATE TABLE group_commit_probe (id INT PRIMARY KEY, note TEXT NOT NULL, "
        + "at_tx BIGINT NOT NULL DEFAULT txid_current())").execute().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    pool.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("Statements submitted while a batch commits go together in one transaction, each completing with "
      + "its own rows; a statement that violates a constraint fails alone and the others still commit")
  void batchesAndIsolatesABadStatement() throws Exception {
    Promise<List<Future<RowSet<Row>>>> submitted = Promise.promise();
    vertx.runOnContext(v -> {
      GroupCommit writes = new GroupCommit(pool, 1);
      Future<RowSet<Row>> first = writes.execute(INSERT, Tuple.of(1, "alone"));
      // The first batch is committing: these three wait and go as the next batch.
      Future<RowSet<Row>> a = writes.execute(INSERT, Tuple.of(2, "a"));
      Future<RowSet<Row>> duplicate = writes.execute(INSERT, Tuple.of(1, "duplicate of the first"));
      Future<RowSet<Row>> b = writes.execute(INSERT, Tuple.of(3, "b"));
      Future<RowSet<Row>> c = writes.execute(INSERT, Tuple.of(4, "c"));
      submitted.complete(List.of(first, a, duplicate, b, c));
    });
    List<Future<RowSet<Row>>> results = submitted.future().await(10, TimeUnit.SECONDS);
    Future.join(results).otherwiseEmpty().await(20, TimeUnit.SECONDS);

    assertThat(results.get(0).result().iterator().next().getInteger("id")).isEqualTo(1);
    assertThat(results.get(1).result().iterator().next().getInteger("id")).isEqualTo(2);
    assertThat(results.get(2).failed()).isTrue();
    assertThat(((PgException) results.get(2).cause()).getSqlState()).isEqualTo("23505");
    assertThat(Failures.transientFailure(results.get(2).cause())).isFalse();
    assertThat(results.get(3).result().iterator().next().getInteger("id")).isEqualTo(3);
    assertThat(Sql.rows(pool, "SELECT id, note FROM group_commit_probe ORDER BY id"))
        .extracting(r -> r.getString("note")).containsExactly("alone", "a", "b", "c");
  }

  @Test
  @DisplayName("Without a bad statement, the waiting statements commit in one transaction")
  void waitingStatementsShareOneTransaction() throws Exception {
    Promise<List<Future<RowSet<Row>>>> submitted = Promise.promise();
    vertx.runOnContext(v -> {
      GroupCommit writes = new GroupCommit(pool, 1);
      submitted.complete(List.of(writes.execute(INSERT, Tuple.of(10, "alone")),
          writes.execute(INSERT, Tuple.of(11, "x")), writes.execute(INSERT, Tuple.of(12, "y")),
          writes.execute(INSERT, Tuple.of(13, "z"))));
    });
    Future.all(submitted.future().await(10, TimeUnit.SECONDS)).await(20, TimeUnit.SECONDS);
    assertThat(Sql.rows(pool, "SELECT count(DISTINCT at_tx) AS n FROM group_commit_probe WHERE id > 10").get(0)
        .getLong("n")).isEqualTo(1L);
    assertThat(Sql.rows(pool, "SELECT count(DISTINCT at_tx) AS n FROM group_commit_probe").get(0).getLong("n"))
        .isEqualTo(2L);
  }
}
