package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The production output (what the shaded jar packs from this project) carries the engine only:
 * evaluation, baselines and benchmarks open JDBC connections and sleep, and query sets are test data.
 */
class ProductionClassesTest {

  @Test
  @DisplayName("the main classes output holds no SIKP evaluation code and no query set")
  void noEvaluationCodeOrQueriesInProductionOutput() throws Exception {
    Path mainOutput = Path.of(SikpIndex.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(mainOutput.resolve("klip/sikp/SikpIndex.class")).exists(); // the walk below looks at the right place
    List<String> offending;
    try (Stream<Path> files = Files.walk(mainOutput)) {
      offending = files.map(p -> mainOutput.relativize(p).toString().replace('\\', '/'))
          .filter(p -> p.startsWith("klip/sikp/eval") || p.matches(".*queries[^/]*\\.jsonl"))
          .toList();
    }
    assertThat(offending).isEmpty();
  }
}
