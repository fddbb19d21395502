package klip.sikp.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import klip.sikp.ArticleJsonl;

/**
 * Quality evaluation of the engine against plain BM25 and PostgreSQL on the same articles, on the
 * dev queries (the tuning set) and the validation queries (read only to decide whether a change is
 * kept), side by side by kind. Run by {@code bench/run-sikpeval.sh}.
 *
 * <p>Arguments: {@code <dev.jsonl> <validation.jsonl> <articles.jsonl> [-v]}; {@code -v} lists the
 * dev queries the engine does not rank first (never the validation ones: looking at those one by one
 * is how a validation set turns into a tuning set).
 */
public final class EvaluationCommand {

  /** Metrics per ranker, per query kind ("all" first). */
  public record Report(Map<String, Map<String, RankingMetrics.Sum>> byRanker) {
    public RankingMetrics.Sum overall(String ranker) {
      return byRanker.get(ranker).get("all");
    }

    public RankingMetrics.Sum kind(String ranker, String kind) {
      return byRanker.get(ranker).get(kind);
    }
  }

  private EvaluationCommand() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: EvaluationCommand <dev.jsonl> <validation.jsonl> <articles.jsonl> [-v]");
      System.exit(2);
    }
    List<EvalQuery> dev = EvalQuery.read(Path.of(args[0]));
    List<EvalQuery> validation = EvalQuery.read(Path.of(args[1]));
    ArticleJsonl.Result read = ArticleJsonl.read(Path.of(args[2]));
    read.errors().forEach(e -> System.err.println("articles line " + e.line() + ": " + e.message()));
    boolean verbose = args.length > 3 && "-v".equals(args[3]);
    List<Ranker> rankers = new ArrayList<>();
    rankers.add(new EngineRanker(read.articles()));
    rankers.add(new Bm25Baseline(read.articles()));
    PgBaseline pg = new PgBaseline(read.articles());
    rankers.add(pg);
    rankers.add(pg.anyWord());
    try {
      Report d = evaluate(rankers, dev, verbose);
      Report v = evaluate(rankers, validation, false);
      System.out.printf(Locale.ROOT, "%d articles; dev %d queries (tuning), validation %d queries%n",
          read.articles().size(), dev.size(), validation.size());
      System.out.print(format(d, v));
    } finally {
      for (int i = rankers.size() - 1; i >= 0; i--) {
        rankers.get(i).close(); // the shared database last
      }
    }
  }

  public static Report evaluate(List<Ranker> rankers, List<EvalQuery> queries, boolean verbose) {
    Map<String, Map<String, RankingMetrics.Sum>> out = new LinkedHashMap<>();
    for (Ranker r : rankers) {
      Map<String, RankingMetrics.Sum> kinds = new LinkedHashMap<>();
      kinds.put("all", new RankingMetrics.Sum());
      Map<String, RankingMetrics.Sum> sorted = new TreeMap<>();
      for (EvalQuery q : queries) {
        List<String> ranked = r.rank(q.q(), RankingMetrics.K);
        kinds.get("all").add(ranked, q.relevant());
        sorted.computeIfAbsent(q.kind(), k -> new RankingMetrics.Sum()).add(ranked, q.relevant());
        if (verbose && r instanceof EngineRanker && RankingMetrics.mrr(ranked, q.relevant()) < 1) {
          System.out.printf("MISS [%s] %-40s want %s got %s%n", q.kind(), q.q(), q.relevant(), ranked);
        }
      }
      kinds.putAll(sorted);
      out.put(r.name(), kinds);
    }
    return new Report(out);
  }

  /** One row per kind and ranker: the dev figures, then the validation figures. */
  public static String format(Report dev, Report validation) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-12s %-11s | %4s %6s %6s %6s | %4s %6s %6s %6s%n",
        "", "", "dev", "", "", "", "val", "", "", ""));
    sb.append(String.format(Locale.ROOT, "%-12s %-11s | %4s %6s %6s %6s | %4s %6s %6s %6s%n",
        "kind", "ranker", "n", "MRR@5", "nDCG@5", "R@5", "n", "MRR@5", "nDCG@5", "R@5"));
    String first = validation.byRanker().keySet().iterator().next();
    for (String kind : validation.byRanker().get(first).keySet()) {
      for (String ranker : validation.byRanker().keySet()) {
        RankingMetrics.Sum d = dev.byRanker().get(ranker).getOrDefault(kind, new RankingMetrics.Sum());
        RankingMetrics.Sum v = validation.kind(ranker, kind);
        sb.append(String.format(Locale.ROOT, "%-12s %-11s | %4d %6.3f %6.3f %6.3f | %4d %6.3f %6.3f %6.3f%n",
            kind, ranker, d.count(), d.mrr(), d.ndcg(), d.recall5(), v.count(), v.mrr(), v.ndcg(), v.recall5()));
      }
    }
    return sb.toString();
  }
}
