package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import klip.sikp.eval.Bm25Baseline;
import klip.sikp.eval.EngineRanker;
import klip.sikp.eval.EvalQuery;
import klip.sikp.eval.EvaluationCommand;
import klip.sikp.eval.RankingMetrics;
import klip.sikp.eval.Ranker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Quality gate. The dev and tune queries are the tuning sets (tune: larger, in the callers' style);
 * the validation queries, written independently, show whether the engine generalizes. All three are
 * guarded, overall and by kind, against plain BM25 in the same run (the PostgreSQL baselines run in
 * the command only).
 */
class EvaluationThresholdTest {
  static EngineRanker engine;
  static Bm25Baseline bm25;

  @BeforeAll
  static void open() throws Exception {
    engine = new EngineRanker(SikpTestSupport.ARTICLES);
    bm25 = new Bm25Baseline(SikpTestSupport.ARTICLES);
  }

  @AfterAll
  static void close() throws Exception {
    engine.close();
    bm25.close();
  }

  static EvaluationCommand.Report evaluate(String resource) throws Exception {
    List<EvalQuery> queries =
        EvalQuery.read(Path.of(EvaluationThresholdTest.class.getResource(resource).toURI()));
    return EvaluationCommand.evaluate(List.<Ranker>of(engine, bm25), queries, false);
  }

  @Test
  @DisplayName("on the dev queries the engine reaches its target and beats plain BM25")
  void dev() throws Exception {
    EvaluationCommand.Report r = evaluate("/sikp/queries-dev.jsonl");
    RankingMetrics.Sum e = r.overall("engine");
    RankingMetrics.Sum b = r.overall("bm25");
    assertThat(e.count()).isEqualTo(150);
    assertThat(e.mrr()).isGreaterThanOrEqualTo(0.95); // measured 0.964
    assertThat(e.ndcg()).isGreaterThanOrEqualTo(0.92); // measured 0.940
    assertThat(e.mrr()).isGreaterThan(b.mrr() + 0.03);
    assertThat(e.ndcg()).isGreaterThan(b.ndcg());
  }

  @Test
  @DisplayName("on the tune queries the engine holds its measured level overall and in every kind")
  void tune() throws Exception {
    // Measured 0.824 (bm25 0.641) with the 161 hard queries of the seventh sitting and the question
    // intent; by kind abbrev 0.943, colloquial 0.710, english-mix 0.955, full 0.811, partial 1.000,
    // typo 0.978.
    holds("/sikp/queries-tune.jsonl", 519, 0.805, Map.of("abbrev", 0.92, "colloquial", 0.69,
        "english-mix", 0.93, "full", 0.79, "partial", 0.975, "typo", 0.955));
  }

  @Test
  @DisplayName("on the validation queries the engine holds its measured level overall and in every kind")
  void validation() throws Exception {
    // Measured 0.880 (bm25 0.741) with the question intent; by kind abbrev 0.940, colloquial 0.742,
    // english-mix 0.888, full 0.894, partial 0.880, typo 0.938.
    holds("/sikp/queries-validation.jsonl", 240, 0.86, Map.of("abbrev", 0.92, "colloquial", 0.72,
        "english-mix", 0.865, "full", 0.87, "partial", 0.86, "typo", 0.915));
  }

  /**
   * The engine's MRR@5 at least {@code overall} and 0.10 ahead of plain BM25, and in every kind at
   * least its floor (about 0.02 under the measured figure) and ahead of plain BM25.
   */
  private static void holds(String resource, int count, double overall, Map<String, Double> floors)
      throws Exception {
    EvaluationCommand.Report r = evaluate(resource);
    RankingMetrics.Sum e = r.overall("engine");
    assertThat(e.count()).isEqualTo(count);
    assertThat(e.mrr()).isGreaterThanOrEqualTo(overall);
    assertThat(e.mrr()).isGreaterThan(r.overall("bm25").mrr() + 0.10);
    floors.forEach((kind, floor) -> {
      assertThat(r.kind("engine", kind).mrr()).as(kind).isGreaterThanOrEqualTo(floor);
      assertThat(r.kind("engine", kind).mrr()).as(kind).isGreaterThan(r.kind("bm25", kind).mrr());
    });
  }
}
