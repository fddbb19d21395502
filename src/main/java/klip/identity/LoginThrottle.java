package klip.identity;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Lock-out after repeated failed sign-ins, per user name and per client address. Counted by the name as typed,
 * whether or not such a user exists, so a lock-out says nothing about who has an account. Kept in PostgreSQL: every
 * node of a cluster counts the same failures, and a restart forgives nothing.
 */
public final class LoginThrottle {

  /** Every this many failures, rows whose lock and counting window are both over are swept. */
  private static final int SWEEP_EVERY = 1_000;

  private static final String COUNT = """
      INSERT INTO login_failures AS f (key, failures, first_at, locked_until) VALUES ($1, 1, $2, 0)
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN $2 - f.first_at > $3 THEN 1 ELSE f.failures + 1 END,
        first_at = CASE WHEN $2 - f.first_at > $3 THEN $2 ELSE f.first_at END
      RETURNING failures, locked_until""";
  /** Only one of two nodes counting the last failure at once locks: the one whose row was not locked yet. */
  private static final String LOCK = """
      UPDATE login_failures SET locked_until = $2 + $3, failures = 0, first_at = $2
      WHERE key = $1 AND locked_until <= $2 RETURNING key""";

  private final Pool pool;
  private final int maxPerUser;
  private final int maxPerAddress;
  private final long lockMs;
  private final LongSupplier clock;
  private final AtomicLong failuresCounted = new AtomicLong();

  public LoginThrottle(Pool pool, int maxPerUser, int maxPerAddress, long lockMs, LongSupplier clock) {
    this.pool = pool;
    this.maxPerUser = maxPerUser;
    this.maxPerAddress = maxPerAddress;
    this.lockMs = lockMs;
    this.clock = clock;
  }

  public static LoginThrottle from(SecurityConfig config, Pool pool) {
    return new LoginThrottle(pool, config.maxFailures(), config.maxFailuresPerAddress(), config.lockMs(),
        System::currentTimeMillis);
  }

  /** Milliseconds until this user name or address may try again; 0 when not locked. */
  public Future<Long> lockedFor(String username, String address) {
    long now = clock.getAsLong();
    return pool.preparedQuery("SELECT max(locked_until) AS until FROM login_failures WHERE key = $1 OR key = $2")
        .execute(Tuple.of(userKey(username), addressKey(address)))
        .map(rows -> {
          Long until = rows.iterator().next().getLong("until");
          return until == null ? 0L : Math.max(0L, until - now);
        });
  }

  /** Counts a failure; true when it just locked the user name or the address. */
  public Future<Boolean> failed(String username, String address) {
    return failed(username, address, (tx, nowLocked) -> Future.succeededFuture());
  }

  /**
   * Counts a failure with {@code alsoInTransaction} (the attempt's audit entry, told whether this failure locked)
   * committed in the same transaction: the count and its entry are stored together or not at all.
   */
  public Future<Boolean> failed(String username, String address,
                                BiFunction<SqlConnection, Boolean, Future<Void>> alsoInTransaction) {
    long now = clock.getAsLong();
    boolean sweep = failuresCounted.incrementAndGet() % SWEEP_EVERY == 0;
    return pool.withTransaction(tx -> (sweep ? sweep(tx, now, lockMs) : Future.<Void>succeededFuture())
        .compose(v -> count(tx, userKey(username), maxPerUser, now))
        .compose(userLocked -> count(tx, addressKey(address), maxPerAddress, now).map(addressLocked ->
            userLocked || addressLocked))
        .compose(nowLocked -> alsoInTransaction.apply(tx, nowLocked).map(nowLocked)));
  }

  /**
   * A successful sign-in forgives the user name's failures (not the address's: it may be guessing others), with
   * {@code alsoInTransaction} (the sign-in's audit entry) committed in the same transaction.
   */
  public Future<Void> succeeded(String username, Function<SqlConnection, Future<Void>> alsoInTransaction) {
    return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM login_failures WHERE key = $1")
        .execute(Tuple.of(userKey(username))).compose(v -> alsoInTransaction.apply(tx)));
  }

  private Future<Boolean> count(SqlClient tx, String key, int max, long now) {
    return tx.preparedQuery(COUNT).execute(Tuple.of(key, now, lockMs)).compose(rows -> {
      Row row = rows.iterator().next();
      if (row.getInteger("failures") < max || row.getLong("locked_until") > now) {
        return Future.succeededFuture(false);
      }
      return tx.preparedQuery(LOCK).execute(Tuple.of(key, now, lockMs)).map(locked -> locked.rowCount() > 0);
    });
  }

  private static Future<Void> sweep(SqlClient tx, long now, long lockMs) {
    return tx.preparedQuery("DELETE FROM login_failures WHERE locked_until < $1 AND $1 - first_at > $2")
        .execute(Tuple.of(now, lockMs)).mapEmpty();
  }

  private static String userKey(String username) {
    return "u:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
  }

  private static String addressKey(String address) {
    return "a:" + (address == null ? "" : address);
  }
}
