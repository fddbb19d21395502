package klip.sikp.eval;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import klip.sikp.ArticleJsonl;
import klip.sikp.RankingWeights;
import klip.sikp.SikpSearcher;

/**
 * Fits the ranking weights ({@link RankingWeights}) jointly on the tuning queries (dev and tune) by
 * coordinate ascent on MRR@5, and says by cross-validation inside them whether fitted weights beat
 * the engine's on tuning queries they were not fitted on. Validation queries are never read here:
 * the weights fitted on all tuning queries are printed, to be judged once by {@code
 * bench/run-sikpeval.sh} with them in {@link RankingWeights#DEFAULT}.
 *
 * <p>Arguments: {@code <queries.jsonl[,more.jsonl...]> <articles.jsonl> [folds] [parameter ...]}
 * (default 5 folds, every parameter of the grid below), or {@code ... sweep parameter ...}.
 */
public final class WeightTuner {
  /** The values tried per weight; the current value is always among the candidates. */
  static final Map<String, float[]> GRID = new LinkedHashMap<>();

  static {
    GRID.put("ask", new float[] {1f, 1.5f, 2f, 2.5f, 3f});
    GRID.put("keywords", new float[] {1f, 1.5f, 2f, 2.5f, 3f});
    GRID.put("app", new float[] {0.5f, 1f, 1.5f, 2f});
    GRID.put("answer", new float[] {0.4f, 0.6f, 0.8f, 1f, 1.2f, 1.5f});
    GRID.put("fieldTie", new float[] {0f, 0.1f, 0.2f, 0.3f, 0.45f, 0.6f});
    GRID.put("phrase", new float[] {0f, 0.25f, 0.5f, 0.75f, 1f, 1.5f});
    GRID.put("proximity", new float[] {0f, 0.3f, 0.6f, 0.9f, 1.2f});
    GRID.put("exact", new float[] {0f, 0.25f, 0.5f, 0.75f, 1f});
    GRID.put("coveragePower", new float[] {0f, 0.25f, 0.5f, 1f, 1.5f, 2f});
    GRID.put("lead", new float[] {0f, 0.5f, 1f, 1.5f, 2f, 3f});
    GRID.put("longCoveragePower", new float[] {0.5f, 1f, 1.5f, 2f});
  }

  private static final int MAX_PASSES = 4;

  private final EngineRanker engine;
  private final List<String> parameters;

  WeightTuner(EngineRanker engine, List<String> parameters) {
    this.engine = engine;
    this.parameters = parameters;
  }

  public static void main(String[] args) throws Exception {
    List<EvalQuery> tuning = new ArrayList<>();
    for (String file : args[0].split(",")) {
      tuning.addAll(EvalQuery.read(Path.of(file)));
    }
    var articles = ArticleJsonl.read(Path.of(args[1])).articles();
    if (args.length > 2 && args[2].equals("sweep")) {
      try (EngineRanker engine = new EngineRanker(articles)) {
        new WeightTuner(engine, List.of(args).subList(3, args.length)).sweep(tuning);
      }
      return;
    }
    int folds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    List<String> parameters = args.length > 3
        ? List.of(args).subList(3, args.length) : List.copyOf(GRID.keySet());
    try (EngineRanker engine = new EngineRanker(articles)) {
      WeightTuner tuner = new WeightTuner(engine, parameters);
      tuner.crossValidate(tuning, folds);
      RankingWeights all = tuner.fit(tuning);
      System.out.printf(Locale.ROOT, "fitted on all tuning queries: %s%n  MRR@5 %.3f (engine's weights %.3f)%n",
          all, tuner.mrr(all, tuning), tuner.mrr(RankingWeights.DEFAULT, tuning));
    }
  }

  /** MRR@5, overall and by kind, for each value of each parameter alone (the rest as the engine's). */
  void sweep(List<EvalQuery> dev) {
    for (String p : parameters) {
      for (float v : GRID.get(p)) {
        RankingWeights w = with(RankingWeights.DEFAULT, p, v);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s=%.2f all %.3f", p, v, mrr(w, dev)));
        new java.util.TreeMap<>(dev.stream().collect(java.util.stream.Collectors.groupingBy(EvalQuery::kind)))
            .forEach((kind, qs) -> line.append(String.format(Locale.ROOT, " %s %.3f", kind, mrr(w, qs))));
        System.out.println(line);
      }
    }
  }

  /** Per fold: fitted on the others, MRR@5 on it with the fitted and with the engine's weights. */
  void crossValidate(List<EvalQuery> dev, int folds) {
    List<EvalQuery> byKind = new ArrayList<>(dev);
    byKind.sort(Comparator.comparing(EvalQuery::kind)); // stable: each fold gets every kind
    double fitted = 0;
    double engines = 0;
    for (int k = 0; k < folds; k++) {
      List<EvalQuery> train = new ArrayList<>();
      List<EvalQuery> test = new ArrayList<>();
      for (int i = 0; i < byKind.size(); i++) {
        (i % folds == k ? test : train).add(byKind.get(i));
      }
      RankingWeights w = fit(train);
      double f = mrr(w, test);
      double e = mrr(RankingWeights.DEFAULT, test);
      fitted += f * test.size();
      engines += e * test.size();
      System.out.printf(Locale.ROOT, "fold %d: held-out MRR@5 fitted %.3f, engine %.3f; %s%n", k, f, e, w);
    }
    System.out.printf(Locale.ROOT, "cross-validated MRR@5: fitted %.3f, engine %.3f%n",
        fitted / dev.size(), engines / dev.size());
  }

  /** Coordinate ascent from the engine's weights; a move is kept only if it raises MRR@5. */
  RankingWeights fit(List<EvalQuery> queries) {
    RankingWeights best = RankingWeights.DEFAULT;
    double bestMrr = mrr(best, queries);
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      boolean moved = false;
      for (String p : parameters) {
        for (float v : GRID.get(p)) {
          RankingWeights w = with(best, p, v);
          double m = mrr(w, queries);
          if (m > bestMrr + 1e-9) {
            best = w;
            bestMrr = m;
            moved = true;
          }
        }
      }
      if (!moved) {
        break;
      }
    }
    return best;
  }

  double mrr(RankingWeights w, List<EvalQuery> queries) {
    SikpSearcher s = new SikpSearcher(engine.index(), w);
    double sum = 0;
    for (EvalQuery q : queries) {
      sum += RankingMetrics.mrr(s.ids(q.q(), RankingMetrics.K), q.relevant());
    }
    return sum / queries.size();
  }

  /** A copy of {@code w} with one component set. */
  static RankingWeights with(RankingWeights w, String name, float value) {
    try {
      RecordComponent[] cs = RankingWeights.class.getRecordComponents();
      Object[] values = new Object[cs.length];
      Class<?>[] types = new Class<?>[cs.length];
      for (int i = 0; i < cs.length; i++) {
        types[i] = cs[i].getType();
        values[i] = cs[i].getName().equals(name) ? value : cs[i].getAccessor().invoke(w);
      }
      return RankingWeights.class.getDeclaredConstructor(types).newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("no weight " + name, e);
    }
  }
}
