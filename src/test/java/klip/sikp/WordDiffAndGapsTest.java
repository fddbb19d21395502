package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Version diffs and the knowledge-gap grouping")
class WordDiffAndGapsTest {

  private static String render(JsonArray ops) {
    StringBuilder sb = new StringBuilder();
    ops.stream().map(JsonObject.class::cast).forEach(o -> sb.append(switch (o.getString("op")) {
      case "+" -> "{+" + o.getString("text") + "+}";
      case "-" -> "[-" + o.getString("text") + "-]";
      default -> o.getString("text");
    }));
    return sb.toString();
  }

  @Test
  @DisplayName("A word diff keeps the common words and marks the removed and added ones")
  void wordDiff() {
    assertThat(render(WordDiff.diff("Reset EFIN di KPP terdekat.", "Reset EFIN lewat email atau di KPP.")))
        .isEqualTo("Reset EFIN {+lewat email atau +}di [-KPP terdekat.-]{+KPP.+}");
    assertThat(render(WordDiff.diff("", "baru"))).isEqualTo("{+baru+}");
    assertThat(render(WordDiff.diff("sama saja", "sama saja"))).isEqualTo("sama saja");
    String big = "kata ".repeat(WordDiff.MAX_TOKENS);
    assertThat(WordDiff.diff(big, big + "lagi").size()).isEqualTo(2);
  }

  @Test
  @DisplayName("Gap questions group under their analysed terms, most frequent first, stop words and numbers left out")
  void gaps() {
    JsonArray report = KnowledgeGaps.report(List.of(
        new KnowledgeGaps.Gap(1, "Bagaimana cara mengganti nomor ponsel di akun?", "e-Filing"),
        new KnowledgeGaps.Gap(2, "ponsel saya hilang, bagaimana ganti nomor 2024?", "e-Filing"),
        new KnowledgeGaps.Gap(3, "Nomor ponsel tidak bisa diganti", null),
        new KnowledgeGaps.Gap(4, "Sertifikat elektronik kedaluwarsa", "e-SPT")));
    JsonObject top = report.getJsonObject(0);
    assertThat(top.getInteger("count")).isEqualTo(3);
    // "mengganti", "ganti" and "diganti" share their stem: three questions each for ganti, nomor and ponsel.
    assertThat(top.getString("term")).isEqualTo("ganti");
    assertThat(report.getJsonObject(1).getString("term")).isEqualTo("nomor");
    assertThat(report.getJsonObject(2).getString("term")).isEqualTo("ponsel");
    assertThat(top.getJsonArray("examples")).hasSize(3);
    assertThat(report.stream().map(g -> ((JsonObject) g).getString("term")).toList())
        .doesNotContain("bagaimana", "di", "2024", "saya");
  }
}
