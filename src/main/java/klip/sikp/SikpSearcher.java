package klip.sikp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryRescorer;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Article suggestions for what an agent is typing. Blocking and thread-safe: call it from a worker
 * pool, never from a Vert.x event loop. Any input is accepted; nothing throws for odd text.
 */
public final class SikpSearcher {
  private static final Logger LOG = LoggerFactory.getLogger(SikpSearcher.class);
  public static final int MAX_LIMIT = 50;
  private static final Set<String> ALL_APPS = Set.of("", "all", "semua", "any", "*");
  private static final Set<String> STORED = Set.of(SikpFields.ID, SikpFields.STORED_TITLE,
      SikpFields.STORED_APP, SikpFields.STORED_ANSWER, SikpFields.STORED_QUESTION);

  /**
   * Candidates ranked by the full query. Phrases only add to a score, so a document in the final
   * top n is almost always in the phrase-less top 100 too.
   */
  static final int CANDIDATES = 100;

  private final SikpIndex index;
  private final QueryInterpreter interpreter;
  private final SikpQueryBuilder builder = new SikpQueryBuilder();

  public SikpSearcher(SikpIndex index) {
    this(index, SynonymTable.bundled());
  }

  public SikpSearcher(SikpIndex index, SynonymTable synonyms) {
    this.index = index;
    this.interpreter = new QueryInterpreter(synonyms);
  }

  /**
   * Up to {@code limit} suggestions, best first.
   *
   * @param text what the agent typed; a trailing word without a following space is completed
   * @param app application filter ("e-Filing", "efiling", "e-SPT", "Umum", "Coretax" ...); null,
   *     blank or "all" for every application. An application without articles gives no results.
   */
  public List<Suggestion> suggest(String text, String app, int limit) {
    if (text == null || text.isBlank() || limit <= 0) {
      return List.of();
    }
    int n = Math.min(limit, MAX_LIMIT);
    String appKey = SikpFields.appKey(app);
    String filter = ALL_APPS.contains(appKey) ? null : appKey;
    return index.withSearcher(s -> search(s, text, filter, n));
  }

  private List<Suggestion> search(IndexSearcher s, String text, String appKey, int n)
      throws java.io.IOException {
    Vocabulary vocab = Vocabulary.of(s.getIndexReader());
    SikpQueryBuilder.Built built = builder.build(interpreter.interpret(text, vocab), appKey);
    if (built == null) {
      return List.of();
    }
    Query q = built.full();
    // First pass without phrases; hits counted only up to the window so Lucene can skip blocks
    // that cannot reach it (block-max WAND); the exact total is never shown anyway.
    int window = Math.max(CANDIDATES, n);
    TopDocs first = s.search(built.candidates(), new TopScoreDocCollectorManager(window, null, window));
    TopDocs top = byFullScore(q).rescore(s, first, n);
    if (LOG.isDebugEnabled()) {
      LOG.debug("query '{}' → {} ({} candidates)", text, q, first.scoreDocs.length);
    }
    SnippetBuilder snippets = new SnippetBuilder(q);
    List<Suggestion> out = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc sd : top.scoreDocs) {
      Document d = s.storedFields().document(sd.doc, STORED);
      out.add(new Suggestion(d.get(SikpFields.ID), d.get(SikpFields.STORED_TITLE),
          d.get(SikpFields.STORED_APP), sd.score, snippets.snippet(d.get(SikpFields.STORED_ANSWER))));
    }
    return out;
  }

  /** Ranks candidates by the full query's score alone (not a blend with the first pass). */
  private static QueryRescorer byFullScore(Query full) {
    return new QueryRescorer(full) {
      @Override
      protected float combine(float firstPassScore, boolean secondPassMatches,
          float secondPassScore) {
        return secondPassMatches ? secondPassScore : 0f;
      }
    };
  }

  /** Only the ids, for evaluation. */
  public List<String> ids(String text, int limit) {
    List<String> out = new ArrayList<>();
    for (Suggestion s : suggest(text, null, limit)) {
      out.add(s.id());
    }
    return out;
  }
}
