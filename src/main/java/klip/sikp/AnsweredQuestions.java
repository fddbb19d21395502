package klip.sikp;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The questions of tickets answered from an article ("Dijawab dari artikel ini"), as SOP step 4 intends: the
 * index learns how callers put a need from the tickets an article actually answered. Weighted by recency and
 * count: an article carries the questions of its last {@value #PER_ARTICLE} answered tickets of the last year
 * (a need phrased a new way soon outweighs an old phrasing), and a word counts once per ticket that used it.
 */
public final class AnsweredQuestions {
  static final int PER_ARTICLE = 30;
  static final Duration WINDOW = Duration.ofDays(365);

  private final Pool pool;

  public AnsweredQuestions(Pool pool) {
    this.pool = pool;
  }

  /** Records the ticket's question against the article (by number) on the ticket's own transaction. */
  public static Future<Void> record(SqlConnection conn, long ticketId, long articleNumber, String question) {
    return conn.preparedQuery(SikpQueries.RECORD_ANSWERED_FROM)
        .execute(Tuple.of(ticketId, articleNumber, question, now())).mapEmpty();
  }

  /** Every article's recent callers' questions, for {@link #attach(List, Iterable)}. */
  Future<RowSet<Row>> recent() {
    return pool.preparedQuery(SikpQueries.ASKED_RECENT).execute(Tuple.of(now().minus(WINDOW), PER_ARTICLE));
  }

  /** The articles with their {@link #recent()} callers' questions; for a whole corpus, on a worker thread. */
  static List<SikpArticle> attach(List<SikpArticle> articles, Iterable<Row> recent) {
    Map<String, List<String>> byArticle = new HashMap<>();
    recent.forEach(r -> byArticle.computeIfAbsent(r.getString("article_id"), k -> new ArrayList<>())
        .add(r.getString("question")));
    List<SikpArticle> out = new ArrayList<>(articles.size());
    for (SikpArticle a : articles) {
      List<String> asked = byArticle.get(a.id());
      out.add(asked == null ? a : a.withAsked(asked));
    }
    return out;
  }

  public Future<SikpArticle> attach(SikpArticle article) {
    return pool.preparedQuery(SikpQueries.ASKED_RECENT_OF)
        .execute(Tuple.of(article.id(), now().minus(WINDOW), PER_ARTICLE))
        .map(rows -> {
          List<String> asked = new ArrayList<>();
          rows.forEach(r -> asked.add(r.getString("question")));
          return article.withAsked(asked);
        });
  }

  /** The id of the article with this number, or null. */
  public Future<String> idOf(long number) {
    return pool.preparedQuery(SikpQueries.ARTICLE_OF_NUMBER).execute(Tuple.of(number))
        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString("id") : null);
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
