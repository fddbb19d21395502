package klip.sikp;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import klip.Addresses;
import klip.http.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the SIKP Lucene index: opens it in the data directory, rebuilds it from PostgreSQL when its fingerprint
 * does not match the stored articles, and keeps it current as articles are published, edited and retired.
 * Searches run on the "klip-sikp-search" pool; every index write runs on the one-thread "klip-sikp-writer" pool,
 * so the writer has one owner and changes apply in order. Nothing here blocks an event loop. It is reached
 * through its event-bus addresses ({@link SikpBusClient}), so its state is only touched on its own context; the
 * one exception is this node's HTTP API asking for suggestions directly ({@link #suggestingHere}), which reads
 * only the thread-safe searcher and the article metadata (an immutable table and a concurrent map).
 *
 * <p>It also listens to {@code tickets.answered}: an answer that did not come from SIKP is a knowledge gap, and
 * a team-leader discussion answer becomes a draft article in the QA section's review queue (SOP Pemutakhiran SIKP).
 */
public final class SikpVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(SikpVerticle.class);
  static final long MARK_CURRENT_DELAY_MS = 5_000;

  private final ArticleStore store;
  private final AnsweredQuestions asked;
  private final Path indexDir;
  private final boolean seedDemo;
  private WorkerExecutor searchPool;
  private LocalSuggestions suggestions;
  private WorkerExecutor writerPool;
  private SikpIndex index;
  private Future<Void> ready;
  private long markTimer = -1;
  private static final long DRAFT_RETRY_MS = 60_000;
  private final AnswerDrafts drafts;
  private final PgConnectOptions listen;
  private IndexFreshness freshness;

  /**
   * @param listen where to LISTEN for changes to the articles committed elsewhere (another node,
   *     the sikp-import command); null to rely on the periodic check alone
   */
  public SikpVerticle(ArticleStore store, AnsweredQuestions asked, Path indexDir, boolean seedDemo,
      PgConnectOptions listen) {
    this.store = store;
    this.asked = asked;
    this.indexDir = indexDir;
    this.seedDemo = seedDemo;
    this.listen = listen;
    this.drafts = new AnswerDrafts(store);
  }

  @Override
  public Future<?> start() {
    searchPool = vertx.createSharedWorkerExecutor("klip-sikp-search", 2);
    // A rebuild of tens of thousands of articles takes minutes on a busy machine: not a blocked thread.
    writerPool = vertx.createSharedWorkerExecutor("klip-sikp-writer", 1, 15, java.util.concurrent.TimeUnit.MINUTES);
    suggestions = new LocalSuggestions(searchPool);
    freshness = new IndexFreshness(vertx, store, new IndexFreshness.Index() {
      @Override
      public boolean holds(String id, boolean published, String change) {
        ArticleMeta m = suggestions.meta(id);
        return published ? m != null && m.change().equals(change) : m == null;
      }

      @Override
      public Future<Void> reindex(String id) {
        return apply(id, true);
      }

      @Override
      public Future<Void> resync() {
        return SikpVerticle.this.resync();
      }
    });
    return writerPool.executeBlocking(() -> {
          index = SikpIndex.open(indexDir);
          suggestions.open(new SikpSearcher(index));
          return null;
        })
        .compose(v -> seedDemo ? seedIfEmpty() : Future.succeededFuture())
        .compose(v -> {
          // The (re)build runs behind the start-up: searches wait for it rather than the whole server.
          ready = resync().onFailure(e -> log.error("SIKP index could not be built", e))
              .onComplete(ar -> suggestions.built());
          freshness.start(listen);
          vertx.setPeriodic(1, DRAFT_RETRY_MS, t -> drafts.run());
          EventBus bus = vertx.eventBus();
          return Future.all(List.of(
              bus.<JsonObject>localConsumer(Addresses.TICKET_ANSWERED, msg -> {
                drafts.run();
                learnFrom(msg.body());
              }).completion(),
              bus.<JsonObject>localConsumer(Addresses.SIKP_SUGGEST, this::suggest).completion(),
              bus.<JsonObject>localConsumer(Addresses.SIKP_ARTICLE_CHANGED, m -> reply(m, () -> changed(
                  m.body().getString("id")))).completion(),
              bus.<JsonObject>localConsumer(Addresses.SIKP_RESYNC, m -> reply(m, this::resync)).completion(),
              bus.<JsonObject>localConsumer(Addresses.SIKP_GAPS, m -> reply(m, () -> knowledgeGaps(
                  m.body().getInteger("days", 30)))).completion()));
        });
  }

  /** Replies with the result; a refusal keeps its HTTP status as the failure code ({@link SikpBusClient}). */
  private static <T> void reply(Message<JsonObject> m, Supplier<Future<T>> work) {
    Future<T> result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onSuccess(m::reply).onFailure(err -> fail(m, err));
  }

  private static void fail(Message<JsonObject> m, Throwable err) {
    if (err instanceof ApiError e) {
      m.fail(e.status(), e.getMessage());
    } else {
      log.error("SIKP request {} failed", m.address(), err);
      m.fail(500, String.valueOf(err.getMessage()));
    }
  }

  /** The demo starts with the shipped corpus, ids unchanged, when the article table is empty. */
  private Future<Void> seedIfEmpty() {
    return store.count().compose(n -> {
      if (n > 0) {
        return Future.succeededFuture();
      }
      return writerPool.executeBlocking(ArticleJsonl::readBundled)
          .compose(bundled -> store.seed(bundled.articles(), "import"))
          .onSuccess(v -> log.info("SIKP demo corpus loaded into PostgreSQL"));
    });
  }

  /**
   * With the HTTP API's own suggestions ({@link #suggestingHere}) this answers the others (and those asked
   * before the first build, which wait for it): on the search pool, the reply going from the search thread
   * straight to the asking context.
   */
  private void suggest(Message<JsonObject> m) {
    JsonObject q = m.body();
    // Even if the build failed, the index holds what it held before: serve that rather than an error.
    ready.onComplete(built -> searchPool.executeBlocking(() -> {
      m.reply(suggestions.answer(q.getString("text"), q.getString("app"), q.getInteger("limit", 5)));
      return null;
    }, false).onFailure(err -> fail(m, err)));
  }

  /**
   * {@code viaBus} (this verticle's bus client) with suggestions answered on the search pool from the asking
   * context once the index is built, without the bus ({@link LocalSuggestions}); for the HTTP API of this node.
   */
  public SikpService suggestingHere(SikpService viaBus) {
    return suggestions.over(viaBus);
  }

  /** Makes the index reflect the stored article; an unknown id is refused with a 404. */
  private Future<Void> changed(String id) {
    return apply(id, false);
  }

  /**
   * Makes the index reflect the stored article, or with {@code goneIsRemoved} its absence. Its metadata is
   * recorded with the state it was read in, so the change notification naming that state is known as held.
   */
  private Future<Void> apply(String id, boolean goneIsRemoved) {
    return freshness.own(() -> ready.transform(ar -> store.current(id)).compose(row -> {
      SikpArticle read = ArticleRows.toArticle(row);
      if (read.isPublished()) {
        suggestions.put(id, ArticleMeta.of(row));
      } else {
        suggestions.remove(id);
      }
      return asked.attach(read);
    }, err -> {
      if (!goneIsRemoved || !(err instanceof ApiError e) || e.status() != 404) {
        return Future.failedFuture(err);
      }
      suggestions.remove(id);
      return Future.succeededFuture(new SikpArticle(id, "", "", "", List.of(), "", List.of(), 0, "deleted"));
    }).compose(article -> writerPool.<Void>executeBlocking(() -> {
      index.awaitVisible(index.upsert(article));
      return null;
    })).onSuccess(v -> scheduleMarkCurrent()));
  }

  /**
   * Records the fingerprint a few seconds after the last change, once: it reads every published article, which at
   * tens of thousands would otherwise queue behind (and delay) the next edits on the writer thread.
   */
  private void scheduleMarkCurrent() {
    vertx.cancelTimer(markTimer);
    markTimer = vertx.setTimer(MARK_CURRENT_DELAY_MS, t -> markCurrent()
        .onFailure(e -> log.warn("SIKP fingerprint not recorded: {}", e.getMessage())));
  }

  /** Records the stored corpus's fingerprint, so the next start need not rebuild. */
  private Future<Void> markCurrent() {
    return Future.all(store.publishedRows(), asked.recent()).compose(read -> writerPool.executeBlocking(() -> {
      index.markCurrent(CorpusFingerprint.of(AnsweredQuestions.attach(ArticleRows.articles(read.resultAt(0)),
          read.resultAt(1))));
      return null;
    }));
  }

  /**
   * A ticket answered from an article: its question (recorded with the answer, {@link AnswerIntake}) joins the
   * article's callers' questions in the index. Missed (a crash before this ran), it is picked up by the next
   * rebuild, since the corpus fingerprint covers the questions.
   */
  private void learnFrom(JsonObject answered) {
    Long number = answered.getLong("articleId");
    if (!"sikp".equals(answered.getString("source")) || number == null) {
      return;
    }
    asked.idOf(number).compose(id -> id == null ? Future.<Void>succeededFuture() : changed(id))
        .onFailure(e -> log.warn("SIKP article {} not re-indexed with its new question: {}", number, e.getMessage()));
  }

  /**
   * Makes the index hold what the store holds: the published articles with the questions callers asked that
   * they answered. The rows (tens of thousands, read once) become articles and metadata on the writer thread,
   * not in the event loop's callbacks of the queries. Change notifications arriving meanwhile wait for it, and
   * are then compared with what it read.
   */
  private Future<Void> resync() {
    return freshness.own(() -> store.stamp().onSuccess(freshness::synced)
        .compose(s -> Future.all(store.publishedRows(), asked.recent()))
        .compose(read -> writerPool.executeBlocking(() -> {
          RowSet<Row> published = read.resultAt(0);
          index.ensureCurrent(AnsweredQuestions.attach(ArticleRows.articles(published), read.resultAt(1)));
          // From the same rows as the index's content: a state recorded here is one the index holds.
          suggestions.replace(ArticleMetaTable.of(published));
          return null;
        })));
  }

  private Future<JsonArray> knowledgeGaps(int days) {
    return store.unanswered().since(java.time.OffsetDateTime.now().minusDays(days)).compose(rows -> {
      List<KnowledgeGaps.Gap> gaps = new java.util.ArrayList<>();
      rows.forEach(r -> gaps.add(new KnowledgeGaps.Gap(r.getLong("ticket_id"), r.getString("question"),
          r.getString("application"))));
      return searchPool.executeBlocking(() -> KnowledgeGaps.report(gaps), false);
    });
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(markTimer);
    freshness.stop();
    return writerPool.executeBlocking(() -> {
      if (index != null) {
        index.close();
      }
      return null;
    }).onComplete(v -> {
      searchPool.close();
      writerPool.close();
    });
  }
}
