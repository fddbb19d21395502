package klip.sikp;

import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * What a hit shows beyond the index (number, version, whether it is new) for one published article, and the
 * state of the article it was read from ({@link #change}), which the change notifications name.
 *
 * @param change {@code "<version> <updated_at in microseconds since the epoch>"}: equal for the same stored state
 */
record ArticleMeta(long number, int version, Instant publishedAt, boolean reviewed, String change) {

  static ArticleMeta of(Row r) {
    OffsetDateTime published = r.getOffsetDateTime("published_at");
    Boolean reviewed = r.getBoolean("reviewed");
    return new ArticleMeta(r.getLong("number"), r.getInteger("current_version"),
        published == null ? null : published.toInstant(), reviewed != null && reviewed,
        change(r.getInteger("current_version"), r.getOffsetDateTime("updated_at")));
  }

  /** Every published article's, by id. Tens of thousands of rows: on a worker thread. */
  static Map<String, ArticleMeta> byId(Iterable<Row> rows) {
    Map<String, ArticleMeta> out = new HashMap<>();
    rows.forEach(r -> out.put(r.getString("id"), of(r)));
    return out;
  }

  static String change(int version, OffsetDateTime updatedAt) {
    Instant at = updatedAt.toInstant();
    return version + " " + ChronoUnit.MICROS.between(Instant.EPOCH, at);
  }

  /** Shown to agents as new: published through an editor's review since {@code since}. */
  boolean isNewSince(Instant since) {
    return reviewed && publishedAt != null && publishedAt.isAfter(since);
  }
}
