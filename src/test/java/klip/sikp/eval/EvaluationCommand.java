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
 * dev and tune queries (the tuning sets: tune is larger and written in the callers' style, so it can
 * tell apart changes dev is too small and too close to its ceiling to judge) and the validation
 * queries (read only to decide whether a change is kept), side by side by kind. Run by {@code
 * bench/run-sikpeval.sh}.
 *
 * <p>Arguments: {@code <dev.jsonl> <tune.jsonl> <validation.jsonl> <articles.jsonl> [-v]}; {@code -v}
 * lists the dev and tune queries the engine does not rank first (never the validation ones: looking
 * at those one by one is how a validation set turns into a tuning set).
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
    if (args.length < 4) {
      System.err.println(
          "usage: EvaluationCommand <dev.jsonl> <tune.jsonl> <validation.jsonl> <articles.jsonl> [-v]");
      System.exit(2);
    }
    List<EvalQuery> dev = EvalQuery.read(Path.of(args[0]));
    List<EvalQuery> tune = EvalQuery.read(Path.of(args[1]));
    List<EvalQuery> validation = EvalQuery.read(Path.of(args[2]));
    ArticleJsonl.Result read = ArticleJsonl.read(Path.of(args[3]));
    read.errors().forEach(e -> System.err.println("articles line " + e.line() + ": " + e.message()));
    boolean verbose = args.length > 4 && "-v".equals(args[4]);
    List<Ranker> rankers = new ArrayList<>();
    rankers.add(new EngineRanker(read.articles()));
    rankers.add(new Bm25Baseline(read.articles()));
    PgBaseline pg = new PgBaseline(read.articles());
    rankers.add(pg);
    rankers.add(pg.anyWord());
    try {
      Map<String, Report> sets = new LinkedHashMap<>();
      sets.put("dev", evaluate(rankers, dev, verbose));
      sets.put("tune", evaluate(rankers, tune, verbose));
      sets.put("val", evaluate(rankers, validation, false));
      System.out.printf(Locale.ROOT,
          "%d articles; dev %d and tune %d queries (tuning), validation %d queries%n",
          read.articles().size(), dev.size(), tune.size(), validation.size());
      System.out.print(format(sets));
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

  /** One row per kind and ranker: MRR@5, nDCG@5 and recall@5 of each query set, in the map's order. */
  public static String format(Map<String, Report> sets) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s %-11s", "", ""));
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-12s %-11s", "kind", "ranker"));
    for (String name : sets.keySet()) {
      sb.append(String.format(Locale.ROOT, " | %-25s", name));
      header.append(String.format(Locale.ROOT, " | %4s %6s %6s %6s", "n", "MRR@5", "nDCG@5", "R@5"));
    }
    sb.append('\n').append(header).append('\n');
    Report last = sets.values().stream().reduce((a, b) -> b).orElseThrow();
    String first = last.byRanker().keySet().iterator().next();
    for (String kind : last.byRanker().get(first).keySet()) {
      for (String ranker : last.byRanker().keySet()) {
        sb.append(String.format(Locale.ROOT, "%-12s %-11s", kind, ranker));
        for (Report r : sets.values()) {
          RankingMetrics.Sum m = r.byRanker().get(ranker).getOrDefault(kind, new RankingMetrics.Sum());
          sb.append(String.format(Locale.ROOT, " | %4d %6.3f %6.3f %6.3f", m.count(), m.mrr(), m.ndcg(), m.recall5()));
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }
}
