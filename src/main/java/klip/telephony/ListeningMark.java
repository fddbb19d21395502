package klip.telephony;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Until when this server (or the one before it) heard Asterisk's events, kept in PostgreSQL: the start of the window
 * read back from CEL at the next start, so calls wholly inside a downtime (server down, PBX up) are not lost. It
 * lags the truth by at most the refresh period; {@link OutageGap#MARGIN_MS} reads a little before it anyway.
 */
final class ListeningMark {

  /** How often the mark moves forward while the AMI connection is up. */
  static final long REFRESH_MS = 5_000;

  static final String READ = "SELECT (extract(epoch FROM heard_until) * 1000)::bigint AS at_ms FROM ami_listening";
  /** Fenced: a node that lost the AMI lease does not move the mark past what the new owner has heard. */
  static final String HEARD = """
      INSERT INTO ami_listening (id, heard_until) SELECT 1, $1 WHERE ami_fence($2)
      ON CONFLICT (id) DO UPDATE SET heard_until = GREATEST(ami_listening.heard_until, EXCLUDED.heard_until)
      """;

  private final Pool pool;

  ListeningMark(Pool pool) {
    this.pool = pool;
  }

  /** The last moment events were heard, or 0 when none ever were (a first start). */
  Future<Long> lastHeard() {
    return pool.query(READ).execute()
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("at_ms") : 0L);
  }

  /** @return whether the mark was written: false when {@code fencingToken} is no longer the lease's */
  Future<Boolean> heardAt(long millis, long fencingToken) {
    return pool.preparedQuery(HEARD).execute(Tuple.of(OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis),
        ZoneOffset.UTC), fencingToken)).map(rows -> rows.rowCount() > 0);
  }
}
