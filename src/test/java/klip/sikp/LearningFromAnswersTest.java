package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SOP step 4: the questions of tickets answered from an article teach the index how callers put that need, so
 * a caller who says it their own way still finds the article.
 */
class LearningFromAnswersTest {
  private static final String CALLER_FOR_SOMEONE_ELSE = "SIKP-UMM-0010";
  /**
   * What callers said on tickets the agents answered from that article: words neither an article
   * nor the synonym table holds (kin words are in the table; a neighbour or an employer is not).
   */
  private static final List<String> ANSWERED = List.of(
      "majikan mau tanya npwp tetangga yang sudah sepuh",
      "saya tetangganya, mau urus pajak tetangga",
      "tetangga saya gak bisa ke telepon, saya yang tanya boleh?",
      "wakilin tetangga tanya status spt");

  @TempDir Path dir;

  @Test
  @DisplayName("After a handful of answered tickets, a new phrasing of the same need ranks that article first")
  void answeredTicketsTeachCallersWords() throws Exception {
    String newPhrasing = "bisa nanya data pajak punya tetangga";
    try (SikpIndex index = SikpTestSupport.openBundled(dir)) {
      SikpSearcher searcher = new SikpSearcher(index);
      assertThat(searcher.ids(newPhrasing, 5)).first().isNotEqualTo(CALLER_FOR_SOMEONE_ELSE);

      SikpArticle article = SikpTestSupport.ARTICLES.stream()
          .filter(a -> a.id().equals(CALLER_FOR_SOMEONE_ELSE)).findFirst().orElseThrow();
      index.awaitVisible(index.upsert(article.withAsked(ANSWERED)));

      assertThat(searcher.ids(newPhrasing, 5)).first().isEqualTo(CALLER_FOR_SOMEONE_ELSE);
      assertThat(ANSWERED).noneMatch(q -> q.contains(newPhrasing)); // not one of the learned questions
    }
  }
}
