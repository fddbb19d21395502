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
import klip.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Batched reads on the real PostgreSQL: reads that wait go together, each answered with its own rows. */
class BatchedReadsTest {

  private static final String HALF = "SELECT 100 / $1::int AS half, txid_current_if_assigned() AS tx";

  private Vertx vertx;
  private Pool pool;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Database database = TestPostgres.freshDatabase();
    pool = database.pool(vertx, 4);
  }

  @AfterEach
  void stop() throws Exception {
    pool.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("Reads asked for while a read is under way go together and each gets its own rows; a read that fails "
      + "(a division by zero) fails alone")
  void waitingReadsGoTogetherAndFailAlone() throws Exception {
    Promise<List<Future<RowSet<Row>>>> submitted = Promise.promise();
    vertx.runOnContext(v -> {
      BatchedReads reads = new BatchedReads(pool, 1);
      List<Future<RowSet<Row>>> all = new ArrayList<>();
      for (int divisor : new int[] {1, 2, 0, 4, 5, 10}) {
        all.add(reads.execute(HALF, Tuple.of(divisor)));
      }
      all.add(reads.execute("SELECT $1::text AS other", Tuple.of("another statement")));
      submitted.complete(all);
    });
    List<Future<RowSet<Row>>> results = submitted.future().await(10, TimeUnit.SECONDS);
    Future.join(results).otherwiseEmpty().await(20, TimeUnit.SECONDS);

    List<Integer> halves = new ArrayList<>();
    for (int i : new int[] {0, 1, 3, 4, 5}) {
      halves.add(results.get(i).result().iterator().next().getInteger("half"));
    }
    assertThat(halves).containsExactly(100, 50, 25, 20, 10);
    assertThat(results.get(2).failed()).isTrue();
    assertThat(((PgException) results.get(2).cause()).getSqlState()).isEqualTo("22012");
    assertThat(results.get(6).result().iterator().next().getString("other")).isEqualTo("another statement");
  }
}
