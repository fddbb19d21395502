package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An answer opens by stating the problem it answers, so the caller's words there count as one more
 * field; the same words further down the answer count only as the answer.
 */
class AnswerOpeningTest {
  private static final String SYMPTOM = "Layar aplikasi membeku setelah tombol kirim ditekan.";
  /** More than the opening's 30 positions of words the query does not hold. */
  private static final String REST = " Wajib pajak dapat menghubungi kantor pelayanan terdekat untuk bantuan".repeat(5);

  private static SikpArticle article(String id, String title, String answer) {
    return SikpArticle.published(id, "e-Filing", title, "Bagaimana " + title.toLowerCase() + "?", List.of(),
        answer, List.of());
  }

  @Test
  @DisplayName("Of two answers with the same words, the one that opens with the caller's symptom ranks first")
  void symptomInTheOpeningRanksFirst() throws Exception {
    List<SikpArticle> articles = List.of(
        article("SIKP-T-0001", "Penjelasan tahap akhir", REST + " " + SYMPTOM),
        article("SIKP-T-0002", "Penjelasan tahap awal", SYMPTOM + REST),
        article("SIKP-T-0003", "Jadwal layanan kantor", "Kantor buka hari kerja." + REST));
    try (SikpIndex index = SikpIndex.open(new ByteBuffersDirectory())) {
      index.awaitVisible(index.rebuild(articles, CorpusFingerprint.of(articles)));
      List<Suggestion> withOpening = new SikpSearcher(index).suggest("membeku ", null, 5);
      assertThat(withOpening).extracting(Suggestion::id).containsExactly("SIKP-T-0002", "SIKP-T-0001");
      assertThat(withOpening.get(0).score()).isGreaterThan(withOpening.get(1).score());

      List<Suggestion> without = new SikpSearcher(index,
          CandidateRankerTest.withoutOpening(RankingWeights.DEFAULT)).suggest("membeku ", null, 5);
      assertThat(without).hasSize(2);
      assertThat(without.get(0).score()).isEqualTo(without.get(1).score());
    }
  }
}
