package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the escalation desk needs on each row beyond the escalation itself: the office time left to its due time
 * (the working calendar's, so a weekend or a holiday does not count down), and the team-leader thread that came
 * before the escalation, read for all rows in one query.
 */
final class DeskRows {

  private final Pool pool;
  private final Supplier<WorkingCalendar> calendar;

  DeskRows(Pool pool, Supplier<WorkingCalendar> calendar) {
    this.pool = pool;
    this.calendar = calendar;
  }

  Future<JsonArray> complete(JsonArray rows) {
    Set<Long> ids = new LinkedHashSet<>();
    rows.forEach(r -> ids.add(((JsonObject) r).getLong("ticketId")));
    if (ids.isEmpty()) {
      return Future.succeededFuture(rows);
    }
    return pool.preparedQuery(DiscussionQueries.THREADS_OF_TICKETS).execute(Tuple.of(ids.toArray(Long[]::new)))
        .map(found -> {
          Map<Long, JsonArray> threads = threads(found);
          WorkingCalendar cal = calendar.get();
          Instant now = Instant.now();
          rows.forEach(r -> {
            JsonObject row = (JsonObject) r;
            row.put("thread", threads.getOrDefault(row.getLong("ticketId"), new JsonArray()));
            String deadline = row.getString("deadlineAt");
            boolean open = !"answered".equals(row.getString("status"));
            if (deadline != null && open) {
              Instant due = Instant.parse(deadline);
              row.put("workingSecondsLeft", cal.workingTimeBetween(now, due).toSeconds())
                  .put("overdue", !now.isBefore(due));
            }
          });
          return rows;
        });
  }

  /** Per ticket: each discussion's question as its first entry, then the replies. */
  private static Map<Long, JsonArray> threads(Iterable<Row> rows) {
    Map<Long, JsonArray> threads = new HashMap<>();
    Set<String> questions = new LinkedHashSet<>();
    for (Row r : rows) {
      long ticket = r.getLong("ticket_id");
      JsonArray thread = threads.computeIfAbsent(ticket, id -> new JsonArray());
      String opened = iso(r.getOffsetDateTime("opened_at"));
      if (questions.add(ticket + "|" + opened)) {
        thread.add(new JsonObject().put("author", r.getString("agent_username")).put("body", r.getString("question"))
            .put("at", opened).put("question", true));
      }
      if (r.getString("body") != null) {
        thread.add(new JsonObject().put("author", r.getString("author")).put("body", r.getString("body"))
            .put("at", iso(r.getOffsetDateTime("at"))));
      }
    }
    return threads;
  }

  private static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
