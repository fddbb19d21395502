package klip.sikp;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Suggestions as the desk receives them, answered on the search pool for whichever context asks: once the
 * index is built, the HTTP API asks here directly rather than over the bus, so a suggestion is one hand-over
 * from the HTTP event loop to a search thread and one back (the bus added a hop through the SIKP verticle's
 * event loop, a copy of the query and of the answer, and a reply timer). With four agents typing on two cores,
 * each hand-over between threads is a wait for a core. The searcher is thread-safe; the article metadata is an
 * immutable table swapped whole by a re-sync, with the SIKP verticle's changes since in a concurrent map beside it.
 */
final class LocalSuggestions {
  /** Articles an editor published this recently are marked new for agents. */
  static final Duration NEW_FOR = Duration.ofDays(7);

  private final WorkerExecutor pool;
  private volatile SikpSearcher searcher;
  private volatile boolean built;
  private volatile Known known = new Known(ArticleMetaTable.EMPTY);

  /**
   * The table the last re-sync read, and the articles changed since (empty if no longer published), which
   * override it: a few edits between re-syncs, against tens of thousands of rows in the table.
   */
  private record Known(ArticleMetaTable table, Map<String, Optional<ArticleMeta>> changed) {
    Known(ArticleMetaTable table) {
      this(table, new ConcurrentHashMap<>());
    }

    ArticleMeta get(String id) {
      Optional<ArticleMeta> edited = changed.isEmpty() ? null : changed.get(id);
      return edited != null ? edited.orElse(null) : table.get(id);
    }
  }

  LocalSuggestions(WorkerExecutor pool) {
    this.pool = pool;
  }

  void open(SikpSearcher opened) {
    searcher = opened;
  }

  /** The first build is over (even a failed one leaves what the index held before: that is served). */
  void built() {
    built = true;
  }

  /** The suggestions as JSON (see {@link SikpService#suggest}); blocking: on the search pool. */
  JsonArray answer(String text, String app, int limit) {
    List<Suggestion> hits = searcher.suggest(text, app, limit);
    JsonArray out = new JsonArray();
    Instant newSince = Instant.now().minus(NEW_FOR);
    Known now = known;
    for (Suggestion s : hits) {
      ArticleMeta m = now.get(s.id());
      out.add(new JsonObject().put("id", s.id()).put("number", m == null ? null : m.number())
          .put("version", m == null ? null : m.version())
          .put("title", s.title()).put("app", s.app()).put("score", s.score()).put("snippet", s.snippet())
          .put("isNew", m != null && m.isNewSince(newSince)));
    }
    return out;
  }

  ArticleMeta meta(String id) {
    return known.get(id);
  }

  void put(String id, ArticleMeta m) {
    known.changed.put(id, Optional.of(m));
  }

  void remove(String id) {
    known.changed.put(id, Optional.empty());
  }

  /** Swapped whole: a search during a re-sync never sees a half-empty table. */
  void replace(ArticleMetaTable all) {
    known = new Known(all);
  }

  /** {@code viaBus} with its suggestions answered here once the index is built (before, the bus waits for it). */
  SikpService over(SikpService viaBus) {
    return new SikpService() {
      @Override
      public Future<JsonArray> suggest(String text, String app, int limit) {
        return built ? pool.executeBlocking(() -> answer(text, app, limit), false) : viaBus.suggest(text, app, limit);
      }

      @Override
      public Future<Void> changed(String id) {
        return viaBus.changed(id);
      }

      @Override
      public Future<Void> resync() {
        return viaBus.resync();
      }

      @Override
      public Future<JsonArray> knowledgeGaps(int days) {
        return viaBus.knowledgeGaps(days);
      }
    };
  }
}
