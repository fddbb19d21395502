package klip.sikp.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import klip.sikp.ArticleJsonl;
import klip.sikp.SikpArticle;

/**
 * Quality evaluation of the engine against both baselines on the same articles and queries.
 *
 * <pre>
 * mvn -q compile exec:java -Dexec.mainClass=klip.sikp.eval.EvaluationCommand \
 *   -Dexec.args="src/test/resources/sikp/queries-dev.jsonl src/main/resources/sikp/articles.jsonl"
 * </pre>
 *
 * Optional third argument "-v": print every query the engine does not rank first.
 */
public final class EvaluationCommand {

  /** Metrics per ranker, per query kind ("all" first). */
  public record Report(Map<String, Map<String, Metrics.Sum>> byRanker) {
    public Metrics.Sum overall(String ranker) {
      return byRanker.get(ranker).get("all");
    }

    public Metrics.Sum kind(String ranker, String kind) {
      return byRanker.get(ranker).get(kind);
    }
  }

  private EvaluationCommand() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: EvaluationCommand <queries.jsonl> <articles.jsonl> [-v]");
      System.exit(2);
    }
    List<EvalQuery> queries = EvalQuery.read(Path.of(args[0]));
    ArticleJsonl.Result read = ArticleJsonl.read(Path.of(args[1]));
    read.errors().forEach(e -> System.err.println("articles line " + e.line() + ": " + e.message()));
    boolean verbose = args.length > 2 && "-v".equals(args[2]);
    List<Ranker> rankers = new ArrayList<>();
    rankers.add(new EngineRanker(read.articles()));
    rankers.add(new Bm25Baseline(read.articles()));
    PgBaseline pg = new PgBaseline(read.articles());
    rankers.add(pg);
    rankers.add(pg.anyWord());
    try {
      Report r = evaluate(rankers, queries, verbose);
      System.out.print(format(r, queries.size(), read.articles().size()));
    } finally {
      for (int i = rankers.size() - 1; i >= 0; i--) {
        rankers.get(i).close(); // the shared database last
      }
    }
  }

  public static Report evaluate(List<Ranker> rankers, List<EvalQuery> queries, boolean verbose) {
    Map<String, Map<String, Metrics.Sum>> out = new LinkedHashMap<>();
    for (Ranker r : rankers) {
      Map<String, Metrics.Sum> kinds = new LinkedHashMap<>();
      kinds.put("all", new Metrics.Sum());
      Map<String, Metrics.Sum> sorted = new TreeMap<>();
      for (EvalQuery q : queries) {
        List<String> ranked = r.rank(q.q(), Metrics.K);
        kinds.get("all").add(ranked, q.relevant());
        sorted.computeIfAbsent(q.kind(), k -> new Metrics.Sum()).add(ranked, q.relevant());
        if (verbose && r instanceof EngineRanker && Metrics.mrr(ranked, q.relevant()) < 1) {
          System.out.printf("MISS [%s] %-40s want %s got %s%n", q.kind(), q.q(), q.relevant(), ranked);
        }
      }
      kinds.putAll(sorted);
      out.put(r.name(), kinds);
    }
    return new Report(out);
  }

  public static String format(Report r, int queries, int articles) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%d queries, %d articles%n", queries, articles));
    sb.append(String.format(Locale.ROOT, "%-12s %-11s %4s %7s %7s %7s %7s%n",
        "kind", "ranker", "n", "MRR@5", "nDCG@5", "R@1", "R@5"));
    String first = r.byRanker().keySet().iterator().next();
    for (String kind : r.byRanker().get(first).keySet()) {
      for (Map.Entry<String, Map<String, Metrics.Sum>> e : r.byRanker().entrySet()) {
        Metrics.Sum s = e.getValue().get(kind);
        sb.append(String.format(Locale.ROOT, "%-12s %-11s %4d %7.3f %7.3f %7.3f %7.3f%n",
            kind, e.getKey(), s.count(), s.mrr(), s.ndcg(), s.recall1(), s.recall5()));
      }
    }
    return sb.toString();
  }
}
