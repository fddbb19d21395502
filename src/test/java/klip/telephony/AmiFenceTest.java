package klip.telephony;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import klip.db.Database;
import klip.facts.GroupCommit;
import klip.facts.WriteFence;
import klip.support.Sql;
import klip.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The AMI lease fences the call facts' group commits on the real PostgreSQL. */
class AmiFenceTest {

  private static final String INSERT = "INSERT INTO fence_probe (id) VALUES ($1)";

  private Vertx vertx;
  private Context context;
  private Pool pool;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
    Database database = TestPostgres.freshDatabase();
    pool = database.pool(vertx, 4);
    pool.query("CREATE TABLE fence_probe (id INT PRIMARY KEY)").execute().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    pool.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("Facts' writes commit while this node holds the lease's token; once another node took the lease over, "
      + "or this node knows it lost it, a batch (one statement or several) is refused as fenced out and writes nothing")
  void writesOnlyUnderTheCurrentToken() throws Exception {
    AmiLease lease = new AmiLease(pool, "node-a");
    long token = lease.takeOrRenew().await(10, TimeUnit.SECONDS);
    AmiStatus status = new AmiStatus();
    status.ownedBy("node-a", "node-a", token);
    GroupCommit writes = onContext(() -> new GroupCommit(pool, 1, new AmiFence(status)));

    assertThat(submit(writes, 1).await(10, TimeUnit.SECONDS).rowCount()).isEqualTo(1);

    // Another node takes the lease over (what it does once this one has stopped renewing): a new token.
    assertThat(Sql.rows(pool, "UPDATE ami_lease SET owner = 'node-b', token = token + 1 RETURNING token"))
        .hasSize(1);
    List<Future<RowSet<Row>>> afterTakeOver = onContext(() -> List.of(writes.execute(INSERT, Tuple.of(2)),
        writes.execute(INSERT, Tuple.of(3)), writes.execute(INSERT, Tuple.of(4))));
    for (Future<RowSet<Row>> write : afterTakeOver) {
      assertThat(failure(write)).isInstanceOf(WriteFence.FencedOut.class);
    }

    status.ownedBy("node-a", "node-b", null);
    assertThat(failure(submit(writes, 5))).isInstanceOf(WriteFence.FencedOut.class);
    assertThat(Sql.rows(pool, "SELECT id FROM fence_probe ORDER BY id")).extracting(r -> r.getInteger("id"))
        .containsExactly(1);
  }

  @Test
  @DisplayName("The owner renews its lease while its own fenced writes are in flight (they do not hold the renewal "
      + "back), and the token stays the same")
  void renewalPassesFencedWritesInFlight() throws Exception {
    AmiLease lease = new AmiLease(pool, "node-a");
    long token = lease.takeOrRenew().await(10, TimeUnit.SECONDS);
    SqlConnection writer = pool.getConnection().await(10, TimeUnit.SECONDS);
    try {
      Transaction inFlight = fencedWriteInFlight(writer, token, 1);

      assertThat(lease.takeOrRenew().await(10, TimeUnit.SECONDS)).isEqualTo(token);

      inFlight.commit().await(10, TimeUnit.SECONDS);
    } finally {
      writer.close();
    }
    assertThat(Sql.rows(pool, "SELECT id FROM fence_probe")).hasSize(1);
  }

  @Test
  @DisplayName("A take-over waits for the previous owner's fenced writes in flight: they commit first, under the old "
      + "token, and the token changes only after them")
  void takeOverWaitsForFencedWritesInFlight() throws Exception {
    long token = new AmiLease(pool, "node-a").takeOrRenew().await(10, TimeUnit.SECONDS);
    SqlConnection writer = pool.getConnection().await(10, TimeUnit.SECONDS);
    try {
      Transaction inFlight = fencedWriteInFlight(writer, token, 1);

      Future<Long> takeOver = new AmiLease(pool, "node-b").takeFrom("node-a");
      awaitALockWaiter();
      assertThat(takeOver.isComplete()).as("the take-over went ahead of a fenced write in flight").isFalse();

      inFlight.commit().await(10, TimeUnit.SECONDS);
      assertThat(takeOver.await(10, TimeUnit.SECONDS)).isEqualTo(token + 1);
    } finally {
      writer.close();
    }
    assertThat(Sql.rows(pool, "SELECT id FROM fence_probe")).hasSize(1);
    assertThat(Sql.rows(pool, AmiLease.FENCE, token).get(0).getBoolean("current")).isFalse();
  }

  /** A transaction that passed the fence under {@code token} and wrote, not yet committed. */
  private static Transaction fencedWriteInFlight(SqlConnection conn, long token, int id) throws Exception {
    Transaction tx = conn.begin().await(10, TimeUnit.SECONDS);
    assertThat(conn.preparedQuery(AmiLease.FENCE).execute(Tuple.of(token)).await(10, TimeUnit.SECONDS)
        .iterator().next().getBoolean("current")).isTrue();
    conn.preparedQuery(INSERT).execute(Tuple.of(id)).await(10, TimeUnit.SECONDS);
    return tx;
  }

  /** Returns once some statement waits for a lock another transaction holds (the database says so). */
  private void awaitALockWaiter() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (Sql.rows(pool, "SELECT 1 FROM pg_locks WHERE NOT granted").isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no statement came to wait for a lock");
      }
    }
  }

  private Future<RowSet<Row>> submit(GroupCommit writes, int id) throws Exception {
    return onContext(() -> writes.execute(INSERT, Tuple.of(id)));
  }

  private static Throwable failure(Future<?> write) {
    try {
      write.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return write.cause();
    }
    throw new AssertionError("the write committed");
  }

  /** GroupCommit is confined to one event loop, as in a verticle. */
  private <T> T onContext(java.util.function.Supplier<T> work) throws Exception {
    Promise<T> result = Promise.promise();
    context.runOnContext(v -> result.complete(work.get()));
    return result.future().await(10, TimeUnit.SECONDS);
  }
}
