package klip.sikp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** The rows of {@link SikpQueries} as articles and JSON: one place that knows the column names. */
final class ArticleRows {

  private ArticleRows() {
  }

  /**
   * Every row as an article. At tens of thousands of articles this is seconds of work on a busy machine:
   * call it on a worker thread, not in the event loop's callback of the query.
   */
  static List<SikpArticle> articles(Iterable<Row> rows) {
    List<SikpArticle> out = new ArrayList<>();
    rows.forEach(r -> out.add(toArticle(r)));
    return out;
  }

  static SikpArticle toArticle(Row r) {
    return new SikpArticle(r.getString("id"), r.getString("app"), r.getString("title"), r.getString("question"),
        strings(r.getJsonArray("variants")), r.getString("answer"), strings(r.getJsonArray("keywords")),
        r.getInteger("current_version"), r.getString("status"));
  }

  static JsonObject toJson(Row r) {
    return new JsonObject().put("id", r.getString("id")).put("number", r.getLong("number"))
        .put("status", r.getString("status")).put("version", r.getInteger("current_version"))
        .put("app", r.getString("app")).put("title", r.getString("title")).put("question", r.getString("question"))
        .put("variants", r.getJsonArray("variants")).put("answer", r.getString("answer"))
        .put("keywords", r.getJsonArray("keywords")).put("sourceTicketId", r.getLong("source_ticket_id"))
        .put("mergedInto", r.getString("merged_into")).put("publishedAt", iso(r.getOffsetDateTime("published_at")))
        .put("publishedBy", r.getString("published_by")).put("reviewed", r.getBoolean("reviewed"))
        .put("updatedAt", iso(r.getOffsetDateTime("updated_at"))).put("author", r.getString("author"));
  }

  static JsonObject versionJson(Row r) {
    return new JsonObject().put("version", r.getInteger("version")).put("app", r.getString("app"))
        .put("title", r.getString("title")).put("question", r.getString("question"))
        .put("variants", r.getJsonArray("variants")).put("answer", r.getString("answer"))
        .put("keywords", r.getJsonArray("keywords")).put("author", r.getString("author"))
        .put("createdAt", iso(r.getOffsetDateTime("created_at"))).put("note", r.getString("note"));
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>();
    if (a != null) {
      a.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }

  private static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
