package klip.telephony;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * The lease on the AMI connection in PostgreSQL: one row naming the owning node, renewed by it every
 * {@link #RENEW_MS}; once it has not been renewed for {@link #TTL_MS} any other node may take it, and each take-over
 * increments the fencing token. Time is the database's clock, so the nodes' clocks need not agree.
 */
final class AmiLease {

  static final long RENEW_MS = 1_000;
  static final long TTL_MS = 3_000;

  /**
   * Renew ours: a row back means we still own it. It leaves the token alone, so it does not wait for our own fenced
   * writes in flight (they lock the row FOR KEY SHARE, see {@code ami_fence}).
   */
  static final String RENEW = """
      UPDATE ami_lease SET expires_at = now() + $2 * interval '1 millisecond'
      WHERE id = 1 AND owner = $1
      RETURNING token""";
  /**
   * Take (free or expired) or renew (ours): a row back means we own it, with the token it has now. Changing the
   * token, a take-over waits for the fenced writes of the previous owner still in flight.
   */
  static final String TAKE_OR_RENEW = """
      INSERT INTO ami_lease AS l (id, owner, token, expires_at)
        VALUES (1, $1, 1, now() + $2 * interval '1 millisecond')
      ON CONFLICT (id) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at,
        token = CASE WHEN l.owner = EXCLUDED.owner THEN l.token ELSE l.token + 1 END
      WHERE l.owner = EXCLUDED.owner OR l.expires_at < now()
      RETURNING token""";
  /** Take over from a named owner before its lease runs out: only used for a process known to be dead. */
  static final String TAKE_FROM = """
      UPDATE ami_lease SET owner = $1, token = token + 1, expires_at = now() + $2 * interval '1 millisecond'
      WHERE id = 1 AND owner = $3
      RETURNING token""";
  static final String OWNER = "SELECT owner FROM ami_lease WHERE id = 1";
  /** A node that stops hands the lease on at once instead of making the next owner wait for it to expire. */
  static final String RELEASE = "UPDATE ami_lease SET expires_at = now() - interval '1 second' WHERE owner = $1";
  static final String FENCE = "SELECT ami_fence($1) AS current";

  private final Pool pool;
  private final String node;

  AmiLease(Pool pool, String node) {
    this.pool = pool;
    this.node = node;
  }

  String node() {
    return node;
  }

  /**
   * The fencing token when this node owns the lease (renewed or taken now), else null. The owner's renewal goes
   * alone, so that it never waits behind its own writes; only a node that does not hold it tries to take it.
   */
  Future<Long> takeOrRenew() {
    return token(RENEW, Tuple.of(node, TTL_MS))
        .compose(renewed -> renewed != null ? Future.succeededFuture(renewed)
            : token(TAKE_OR_RENEW, Tuple.of(node, TTL_MS)));
  }

  /** The fencing token when the lease was still {@code dead}'s and is this node's now, else null. */
  Future<Long> takeFrom(String dead) {
    return token(TAKE_FROM, Tuple.of(node, TTL_MS, dead));
  }

  /** The node holding the lease (perhaps expired), or null when none ever did. */
  Future<String> owner() {
    return pool.query(OWNER).execute()
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString("owner") : null);
  }

  Future<Void> release() {
    return pool.preparedQuery(RELEASE).execute(Tuple.of(node)).mapEmpty();
  }

  private Future<Long> token(String sql, Tuple params) {
    return pool.preparedQuery(sql).execute(params)
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("token") : null);
  }

  /** Whether {@code token} is still the current one: false once another node has taken over. */
  Future<Boolean> current(long token) {
    return pool.preparedQuery(FENCE).execute(Tuple.of(token))
        .map(rows -> rows.iterator().next().getBoolean("current"));
  }
}
