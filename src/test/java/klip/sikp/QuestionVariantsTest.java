package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An article's question and each of its variants are separate ways of asking: the caller's words
 * side by side in one of them is a closer match than the end of one and the start of the next.
 */
class QuestionVariantsTest {

  private static SikpArticle article(String id, String title, String question, List<String> variants) {
    return SikpArticle.published(id, "e-Filing", title, question, variants,
        "Jawaban untuk petugas.", List.of());
  }

  @Test
  @DisplayName("Words side by side in one variant beat the same words split across two variants")
  void aPhraseDoesNotRunFromOneVariantIntoTheNext() throws Exception {
    List<SikpArticle> articles = List.of(
        article("SIKP-T-0001", "Masalah pertama", "Kenapa token", List.of("email kosong")),
        article("SIKP-T-0002", "Masalah kedua", "Kenapa token email kosong", List.of()));
    try (SikpIndex index = SikpIndex.open(new ByteBuffersDirectory())) {
      index.awaitVisible(index.rebuild(articles, CorpusFingerprint.of(articles)));
      List<Suggestion> found = new SikpSearcher(index).suggest("token email ", null, 5);
      assertThat(found).extracting(Suggestion::id).containsExactly("SIKP-T-0002", "SIKP-T-0001");
      assertThat(found.get(0).score()).isGreaterThan(found.get(1).score());
    }
  }
}
