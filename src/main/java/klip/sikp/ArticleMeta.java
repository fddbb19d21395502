package klip.sikp;

import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * What a hit shows beyond the index (number, version, whether it is new) for one published article, and the
 * state of the article it was read from ({@link #change}), which the change notifications name.
 *
 * @param updatedMicros {@code updated_at} in microseconds since the epoch, the second half of {@link #change}
 */
record ArticleMeta(long number, int version, Instant publishedAt, boolean reviewed, long updatedMicros) {

  static ArticleMeta of(Row r) {
    OffsetDateTime published = r.getOffsetDateTime("published_at");
    Boolean reviewed = r.getBoolean("reviewed");
    return new ArticleMeta(r.getLong("number"), r.getInteger("current_version"),
        published == null ? null : published.toInstant(), reviewed != null && reviewed,
        micros(r.getOffsetDateTime("updated_at")));
  }

  /** {@code "<version> <updated_at in microseconds since the epoch>"}: equal for the same stored state. */
  String change() {
    return version + " " + updatedMicros;
  }

  private static long micros(OffsetDateTime at) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, at.toInstant());
  }

  /** Shown to agents as new: published through an editor's review since {@code since}. */
  boolean isNewSince(Instant since) {
    return reviewed && publishedAt != null && publishedAt.isAfter(since);
  }
}
