package klip.sikp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Article suggestions for what an agent is typing. Blocking and thread-safe: call it from a worker
 * pool, never from a Vert.x event loop. Any input is accepted; nothing throws for odd text.
 */
public final class SikpSearcher {
  private static final Logger log = LoggerFactory.getLogger(SikpSearcher.class);
  public static final int MAX_LIMIT = 50;
  private static final Set<String> ALL_APPS = Set.of("", "all", "semua", "any", "*");

  /**
   * Candidates the full model ranks. The first phase scores the same words with the same boosts,
   * so a document in the final top n is almost always in its top 300 too.
   */
  static final int CANDIDATES = 300;
  /** A window no index reaches: every matching article is ranked by the full model. */
  public static final int EXHAUSTIVE = Integer.MAX_VALUE;

  private final SikpIndex index;
  private final QueryInterpreter interpreter;
  private final int candidateWindow;
  private final RankingWeights weights;
  private final SikpQueryBuilder builder;

  public SikpSearcher(SikpIndex index) {
    this(index, SynonymTable.bundled());
  }

  public SikpSearcher(SikpIndex index, SynonymTable synonyms) {
    this(index, synonyms, CANDIDATES);
  }

  /**
   * @param candidateWindow how many first-phase candidates the full model ranks; {@link
   *     #EXHAUSTIVE} to rank every match (slow at scale: the reference for benchmarks)
   */
  public SikpSearcher(SikpIndex index, SynonymTable synonyms, int candidateWindow) {
    this(index, synonyms, candidateWindow, RankingWeights.DEFAULT);
  }

  /** With other weights than the engine's (the evaluation fits them on the dev queries). */
  public SikpSearcher(SikpIndex index, RankingWeights weights) {
    this(index, SynonymTable.bundled(), CANDIDATES, weights);
  }

  private SikpSearcher(SikpIndex index, SynonymTable synonyms, int candidateWindow,
      RankingWeights weights) {
    this.index = index;
    this.weights = weights;
    this.builder = new SikpQueryBuilder(weights);
    this.interpreter = new QueryInterpreter(synonyms);
    this.candidateWindow = candidateWindow;
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
    List<QueryInterpreter.Concept> concepts = interpreter.interpret(text, vocab);
    int window = Math.max(1, Math.min(Math.max(candidateWindow, n), s.getIndexReader().maxDoc()));
    Query candidates = builder.candidates(concepts, vocab.termStats(), window);
    if (candidates == null) {
      return List.of();
    }
    ScoreDoc[] first = firstPhase(s, candidates, appKey, window);
    CandidateRanker ranker = CandidateRanker.of(concepts, vocab.termStats(), weights)
        .asking(QuestionIntent.ofQuery(text));
    ScoreDoc[] top = ranker.rank(s.getIndexReader().leaves(), first, n);
    if (log.isDebugEnabled()) {
      log.debug("query '{}' → {} ({} candidates)", text, candidates, first.length);
    }
    SnippetBuilder snippets =
        new SnippetBuilder(ranker.exactTerms().terms(), ranker.stemTerms().terms());
    List<Suggestion> out = new ArrayList<>(top.length);
    ShownFields.Shown[] shown = ShownFields.of(s.getIndexReader()).get(s, top);
    for (int i = 0; i < top.length; i++) {
      ShownFields.Shown d = shown[i];
      out.add(new Suggestion(d.id(), d.title(), d.app(), top[i].score, snippets.snippet(d.answer(), d.answerWords())));
    }
    return out;
  }

  /**
   * The top {@code window} documents of the application (all if null) by the candidate query.
   * Scored exhaustively, without dynamic pruning: the agent's words are mostly ones a large
   * share of the articles contain, where block skipping saves little and its bookkeeping made
   * the slowest queries slower (measured: p99 4.9 vs 3.1 ms at 50,000 articles). Collected by
   * {@link TopCandidates} (CPU p50 at 50,000 articles 1.64 → 1.45 ms under load).
   */
  private static ScoreDoc[] firstPhase(IndexSearcher s, Query candidates, String appKey, int window)
      throws java.io.IOException {
    return TopCandidates.search(s, candidates, window,
        leaf -> ApplicationFilter.accepted(leaf, appKey));
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
