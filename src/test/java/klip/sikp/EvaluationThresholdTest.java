package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import klip.sikp.eval.Bm25Baseline;
import klip.sikp.eval.EngineRanker;
import klip.sikp.eval.EvalQuery;
import klip.sikp.eval.EvaluationCommand;
import klip.sikp.eval.Metrics;
import klip.sikp.eval.Ranker;
import org.junit.jupiter.api.Test;

/** Quality gate on the development queries (the PostgreSQL baseline runs in the command only). */
class EvaluationThresholdTest {

  @Test
  void engineReachesTargetAndBeatsPlainBm25() throws Exception {
    List<EvalQuery> queries = EvalQuery.read(
        Path.of(EvaluationThresholdTest.class.getResource("/sikp/queries-dev.jsonl").toURI()));
    try (EngineRanker engine = new EngineRanker(SikpTestSupport.ARTICLES);
        Bm25Baseline bm25 = new Bm25Baseline(SikpTestSupport.ARTICLES)) {
      EvaluationCommand.Report r =
          EvaluationCommand.evaluate(List.<Ranker>of(engine, bm25), queries, false);
      Metrics.Sum e = r.overall("engine");
      Metrics.Sum b = r.overall("bm25");
      assertThat(e.count()).isEqualTo(150);
      assertThat(e.mrr()).isGreaterThanOrEqualTo(0.94); // measured 0.953
      assertThat(e.ndcg()).isGreaterThanOrEqualTo(0.92); // measured 0.932
      assertThat(e.mrr()).isGreaterThan(b.mrr() + 0.03);
      assertThat(e.ndcg()).isGreaterThan(b.ndcg());
    }
  }
}
