package klip.sikp;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import klip.http.ApiError;

/**
 * SIKP articles in PostgreSQL, the source of truth: the current version of each article, its version history,
 * and the status moves (draft → published → retired). Every content change is a new version row; a change that
 * repeats the current content adds nothing, which is what makes imports idempotent.
 */
public final class ArticleStore {

  /** What one imported line did. */
  public enum ImportOutcome { CREATED, UPDATED, UNCHANGED }

  /** The applications SIKP articles belong to. */
  public static final List<String> APPS = List.of("e-SPT", "e-Registration", "e-Filing", "Umum");

  private final Pool pool;
  private final UnansweredQuestions unanswered;

  public ArticleStore(Pool pool) {
    this.pool = pool;
    this.unanswered = new UnansweredQuestions(pool);
  }

  /** The answers not taken from an article, kept with the articles they may become. */
  UnansweredQuestions unanswered() {
    return unanswered;
  }

  /**
   * The current version of every published article: what the index must hold. Rows, not articles: at tens of
   * thousands, turn them into articles on a worker thread ({@link ArticleRows#articles}).
   */
  Future<RowSet<Row>> publishedRows() {
    return pool.query(SikpQueries.PUBLISHED).execute();
  }

  /** The article's current row (content and status), or a 404. */
  Future<Row> current(String id) {
    return one(pool, SikpQueries.BY_ID, Tuple.of(id), id);
  }

  public Future<Long> count() {
    return pool.query(SikpQueries.COUNT).execute().map(rows -> rows.iterator().next().getLong("n"));
  }

  /** A value that changes whenever any article changes (count and latest update). */
  public Future<String> stamp() {
    return pool.query(SikpQueries.STAMP).execute().map(rows -> rows.iterator().next().getString("stamp"));
  }

  /** The article with its current content, or a 404. */
  public Future<JsonObject> find(String id) {
    return one(pool, SikpQueries.BY_ID, Tuple.of(id), id).map(ArticleRows::toJson);
  }

  public Future<JsonObject> findByNumber(long number) {
    return one(pool, SikpQueries.BY_NUMBER, Tuple.of(number), Long.toString(number)).map(ArticleRows::toJson);
  }

  public Future<SikpArticle> article(String id) {
    return one(pool, SikpQueries.BY_ID, Tuple.of(id), id).map(ArticleRows::toArticle);
  }

  public Future<JsonArray> list(String status, int limit) {
    return pool.preparedQuery(SikpQueries.BY_STATUS).execute(Tuple.of(status, limit)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(ArticleRows.toJson(r)));
      return out;
    });
  }

  public Future<JsonArray> versions(String id) {
    return pool.preparedQuery(SikpQueries.VERSIONS).execute(Tuple.of(id)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(ArticleRows.versionJson(r)));
      return out;
    });
  }

  public Future<JsonObject> version(String id, int version) {
    return pool.preparedQuery(SikpQueries.VERSION).execute(Tuple.of(id, version)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        throw ApiError.notFound("Versi " + version + " artikel " + id + " tidak ada");
      }
      return ArticleRows.versionJson(rows.iterator().next());
    });
  }

  /**
   * Loads a whole corpus into an empty store in one transaction (two batched statements): the demo's first start.
   * Imports into a store that already has articles go through {@link #importOne} instead.
   */
  public Future<Void> seed(List<SikpArticle> articles, String author) {
    OffsetDateTime now = now();
    List<Tuple> rows = new ArrayList<>();
    List<Tuple> versions = new ArrayList<>();
    for (SikpArticle a : articles) {
      boolean published = a.isPublished();
      rows.add(Tuple.of(a.id(), a.status().toLowerCase(), null, published ? now : null, published ? author : null,
          now));
      versions.add(Tuple.from(new Object[] {a.id(), 1, a.app(), a.title(), a.question(), new JsonArray(a.variants()),
          a.answer(), new JsonArray(a.keywords()), contentHash(a), author, now, "import"}));
    }
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.withTransaction(conn -> conn.preparedQuery(SikpQueries.INSERT_ARTICLE).executeBatch(rows)
        .compose(v -> conn.preparedQuery(SikpQueries.INSERT_VERSION).executeBatch(versions))).mapEmpty();
  }

  /** Creates the article, adds a version when its content changed, or does nothing when it did not. */
  public Future<ImportOutcome> importOne(SikpArticle a, String author) {
    return pool.withTransaction(conn -> importOne(conn, a, author));
  }

  /** {@link #importOne(SikpArticle, String)} inside the caller's transaction (a chunk of an import job). */
  Future<ImportOutcome> importOne(SqlConnection conn, SikpArticle a, String author) {
    OffsetDateTime now = now();
    return conn.preparedQuery(SikpQueries.BY_ID_FOR_UPDATE).execute(Tuple.of(a.id()))
        .compose(rows -> {
          if (!rows.iterator().hasNext()) {
            boolean published = a.isPublished();
            return conn.preparedQuery(SikpQueries.INSERT_ARTICLE).execute(Tuple.of(a.id(), a.status().toLowerCase(),
                    null, published ? now : null, published ? author : null, now))
                .compose(v -> insertVersion(conn, a.id(), 1, a, author, now, "import"))
                .map(ImportOutcome.CREATED);
          }
          Row current = rows.iterator().next();
          if (current.getString("content_hash").equals(contentHash(a))) {
            return Future.succeededFuture(ImportOutcome.UNCHANGED);
          }
          int next = current.getInteger("current_version") + 1;
          return insertVersion(conn, a.id(), next, a, author, now, "import")
              .compose(v -> conn.preparedQuery(SikpQueries.SET_VERSION).execute(Tuple.of(a.id(), next, now)))
              .map(ImportOutcome.UPDATED);
        });
  }

  /**
   * Saves new content as the next version. {@code expectedVersion} (if given) must be the current one, so two
   * editors cannot overwrite each other unseen. The status does not change.
   */
  public Future<SikpArticle> edit(String id, SikpArticle content, Integer expectedVersion, String author,
                                  String note, AlsoInTransaction audit) {
    OffsetDateTime now = now();
    return pool.withTransaction(conn -> one(conn, SikpQueries.BY_ID_FOR_UPDATE, Tuple.of(id), id).compose(current -> {
      int version = current.getInteger("current_version");
      if (expectedVersion != null && expectedVersion != version) {
        throw ApiError.conflict("Artikel telah diubah orang lain; muat ulang (version " + expectedVersion
            + " is out of date, current is " + version + ")");
      }
      return insertVersion(conn, id, version + 1, content, author, now, note)
          .compose(v -> conn.preparedQuery(SikpQueries.SET_VERSION).execute(Tuple.of(id, version + 1, now)))
          .compose(v -> after(conn, id, audit));
    }));
  }

  /** What a change's caller commits with it, last, seeing the article as changed (the audit entry). */
  public interface AlsoInTransaction {
    AlsoInTransaction NOTHING = (tx, article) -> Future.succeededFuture();

    Future<Void> apply(SqlConnection tx, SikpArticle after);
  }

  private static Future<SikpArticle> after(SqlConnection conn, String id, AlsoInTransaction also) {
    return one(conn, SikpQueries.BY_ID, Tuple.of(id), id).map(ArticleRows::toArticle)
        .compose(a -> also.apply(conn, a).map(a));
  }

  /** Publishes the current version; {@code reviewed} marks a publication by an editor (shown as new to agents). */
  public Future<SikpArticle> publish(String id, String actor, boolean reviewed, AlsoInTransaction audit) {
    return pool.withTransaction(conn -> one(conn, SikpQueries.BY_ID_FOR_UPDATE, Tuple.of(id), id).compose(current -> {
      if ("retired".equals(current.getString("status")) && current.getString("merged_into") != null) {
        throw ApiError.conflict("Artikel ini sudah digabung ke " + current.getString("merged_into"));
      }
      return conn.preparedQuery(SikpQueries.PUBLISH).execute(Tuple.of(id, now(), actor, reviewed))
          .compose(v -> after(conn, id, audit));
    }));
  }

  public Future<SikpArticle> retire(String id, String mergedInto, AlsoInTransaction audit) {
    return pool.withTransaction(conn -> one(conn, SikpQueries.BY_ID_FOR_UPDATE, Tuple.of(id), id)
        .compose(current -> conn.preparedQuery(SikpQueries.RETIRE).execute(Tuple.of(id, now(), mergedInto)))
        .compose(v -> after(conn, id, audit)));
  }

  /**
   * A discussion answer becomes a draft in the review queue, linked to its ticket; a second event for the same
   * ticket finds the draft already there. Returns the draft's id.
   */
  public Future<String> draftFromTicket(long ticketId, String app, String question, String answer, String author) {
    // A ticket's application may be one SIKP has no section for (Coretax, other): such drafts start as "Umum".
    String application = app != null && APPS.contains(app) ? app : "Umum";
    String title = question.length() > 120 ? question.substring(0, 117) + "..." : question;
    OffsetDateTime now = now();
    return pool.withTransaction(conn -> conn.preparedQuery(SikpQueries.BY_TICKET).execute(Tuple.of(ticketId))
        .compose(existing -> {
          if (existing.iterator().hasNext()) {
            return Future.succeededFuture(existing.iterator().next().getString("id"));
          }
          return conn.preparedQuery(SikpQueries.NEXT_ID).execute(Tuple.of("SIKP-" + prefix(application) + "-"))
              .compose(rows -> {
                String id = rows.iterator().next().getString("id");
                SikpArticle draft = new SikpArticle(id, application, title, question, List.of(), answer, List.of(),
                    1, "draft");
                return conn.preparedQuery(SikpQueries.INSERT_ARTICLE)
                    .execute(Tuple.of(id, "draft", ticketId, null, null, now))
                    .compose(v -> insertVersion(conn, id, 1, draft, author, now, "tiket #" + ticketId))
                    .map(id);
              });
        }));
  }

  /** The article-id prefix of an application, as in the shipped corpus. */
  static String prefix(String app) {
    return switch (SikpFields.appKey(app)) {
      case "efiling" -> "EFL";
      case "eregistration" -> "ERG";
      case "espt" -> "ESP";
      default -> "UMM";
    };
  }

  private static Future<Void> insertVersion(SqlConnection conn, String id, int version, SikpArticle a, String author,
                                            OffsetDateTime at, String note) {
    return conn.preparedQuery(SikpQueries.INSERT_VERSION).execute(Tuple.from(new Object[] {id, version, a.app(),
        a.title(), a.question(), new JsonArray(a.variants()), a.answer(), new JsonArray(a.keywords()),
        contentHash(a), author, at, note})).mapEmpty();
  }

  private static Future<Row> one(SqlClient client, String sql, Tuple params, String id) {
    return client.preparedQuery(sql).execute(params).map(rows -> {
      if (!rows.iterator().hasNext()) {
        throw ApiError.notFound("Artikel SIKP " + id + " tidak ditemukan");
      }
      return rows.iterator().next();
    });
  }

  /** The content alone (not id, version or status) decides whether a new version is needed. */
  static String contentHash(SikpArticle a) {
    return CorpusFingerprint.of(List.of(new SikpArticle("x", a.app(), a.title(), a.question(), a.variants(),
        a.answer(), a.keywords(), 1, SikpArticle.PUBLISHED)));
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
