package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ArticleMetaTableTest {
  @Test
  @DisplayName("The table gives for every id what a map of the same rows gives (a later row of an id replacing"
      + " the earlier), and nothing for an id it was not given; also when it outgrows the expected size")
  void sameAsAMap() {
    Random random = new Random(7);
    Map<String, ArticleMeta> expected = new LinkedHashMap<>();
    ArticleMetaTable.Builder table = new ArticleMetaTable.Builder(100);
    for (int i = 0; i < 5_000; i++) {
      // some ids repeat, some are not ASCII, one is empty
      String id = i % 7 == 0 ? "SIKP-EFL-" + random.nextInt(300) : i % 11 == 0 ? "Pajak-é-" + i : i == 3 ? "" : "G" + i;
      Instant published = i % 5 == 0 ? null : Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1_000_000),
          random.nextInt(1_000_000) * 1_000);
      ArticleMeta m = new ArticleMeta(i, random.nextInt(9), published, random.nextBoolean(),
          random.nextLong());
      expected.put(id, m);
      table.put(id, m);
    }
    ArticleMetaTable built = table.build();
    expected.forEach((id, m) -> assertThat(built.get(id)).as(id).isEqualTo(m));
    for (String absent : new String[] {"G0", "G7", "G11", "SIKP-EFL-300", "Pajak-e-11", "G50000", "SIKP-EFL-"}) {
      assertThat(built.get(absent)).as(absent).isNull();
    }
    assertThat(ArticleMetaTable.EMPTY.get("G2")).isNull();
  }
}
