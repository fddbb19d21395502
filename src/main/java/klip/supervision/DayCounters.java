package klip.supervision;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The board's counters of the day in Jakarta (offered, answered, abandoned, longest wait, service level), read from
 * the board's rows in PostgreSQL so a restart loses none. A write they depend on marks them stale; they are read
 * again only when someone looks at them. Confined to the supervision verticle's event loop.
 */
final class DayCounters {

  private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

  private final Pool pool;
  private final int serviceLevelSeconds;
  private boolean stale;
  private Future<?> read = Future.succeededFuture();
  private JsonObject current = new JsonObject();

  DayCounters(Pool pool, int serviceLevelSeconds) {
    this.pool = pool;
    this.serviceLevelSeconds = serviceLevelSeconds;
  }

  /** A write they depend on was committed. */
  void stale() {
    stale = true;
  }

  /** The counters as last read. */
  JsonObject current() {
    return current;
  }

  /** Whether midnight in Jakarta has passed since the last reading: the counters start again. */
  boolean dayChanged() {
    return !LocalDate.now(JAKARTA).toString().equals(current.getString("day"));
  }

  /** Read again after {@code writes} (the writes queued so far) when a write has changed them. */
  Future<?> fresh(Future<?> writes) {
    if (stale) {
      stale = false;
      read = writes.transform(ar -> refresh());
    }
    return read;
  }

  Future<?> refresh() {
    long dayStart = LocalDate.now(JAKARTA).atStartOfDay(JAKARTA).toInstant().toEpochMilli();
    int sl = serviceLevelSeconds;
    return pool.preparedQuery(SupervisionQueries.COUNTERS).execute(Tuple.of(CallJoiner.time(dayStart), sl))
        .onSuccess(rows -> {
          Row r = rows.iterator().next();
          long answered = r.getLong("answered");
          long abandoned = r.getLong("abandoned");
          long finished = answered + abandoned;
          current = new JsonObject().put("day", LocalDate.now(JAKARTA).toString())
              .put("offered", r.getLong("offered")).put("answered", answered).put("abandoned", abandoned)
              .put("longestWaitSeconds", r.getLong("longest_wait")).put("serviceLevelSeconds", sl)
              .put("serviceLevelPercent", finished == 0 ? null
                  : Math.round(1000.0 * r.getLong("within_sl") / finished) / 10.0);
        });
  }
}
