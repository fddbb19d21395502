package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How spoken, regional and chat words are read: as the standard word they stand for, never
 * "spelling-corrected" into an unrelated word of the knowledge base.
 */
class SpokenWordsTest extends SikpTestSupport {
  private static final QueryInterpreter INTERPRETER = new QueryInterpreter(SynonymTable.bundled());

  /** The forms searched for each concept of {@code text} (typed to the end: no completion). */
  private static List<List<String>> read(String text) {
    return index.withSearcher(s -> INTERPRETER.interpret(text + " ", Vocabulary.of(s.getIndexReader()))
        .stream().map(c -> c.alts().stream().map(QueryInterpreter.Alt::text).toList()).toList());
  }

  @Test
  void regionalVerbsAreTheirStandardWord() {
    // Sundanese "asup" and Javanese "mlebu" are "masuk" (before, "asup" was corrected into "asp")
    assertThat(read("asup")).containsExactly(List.of("masuk"));
    assertThat(read("mlebu")).containsExactly(List.of("masuk"));
    assertThat(read("ngadaptar")).containsExactly(List.of("daftar"));
    assertThat(read("nggawe npwp anyar").get(0)).contains("buat");
    assertThat(read("nggawe npwp anyar").get(2)).containsExactly("baru");
  }

  @Test
  void chatShorthandThatDropsConsonantsToo() {
    assertThat(read("pswd").get(0)).startsWith("password");
    assertThat(read("bkt ptg").get(1)).containsExactly("potong");
  }

  @Test
  void everydayDescriptionsReachTheWordsAnswersUse() {
    assertThat(read("token ga nyampe").get(1)).contains("tidak diterima");
    assertThat(read("akun dihack").get(1)).contains("dibobol");
    assertThat(read("udah resign").get(1)).contains("tidak bekerja");
  }

  @Test
  void spokenFormsNoArticleHoldsAreReadByTheirRootsConsonants() {
    // Jakarta vowels, a dropped h and spoken affixes around an article's root; before, each was
    // dropped (no article holds it, and no word lies one or two edits away)
    assertThat(read("catetan").get(0).get(0)).isEqualTo("catat");
    assertThat(read("kecatet").get(0).get(0)).isEqualTo("catat");
    assertThat(read("nyatet").get(0).get(0)).isEqualTo("catat");
    assertThat(read("kepake").get(0).get(0)).isEqualTo("pakai");
    assertThat(read("itung").get(0).get(0)).isEqualTo("hitung");
    assertThat(read("ngawasin").get(0).get(0)).isEqualTo("awas");
    assertThat(SpokenRoots.skeleton("catetan")).isEqualTo(SpokenRoots.skeleton("catatan"));
    assertThat(SpokenRoots.skeleton("itung")).isEqualTo(SpokenRoots.skeleton("hitung"));
  }

  @Test
  void standardWordsTheArticlesLackAreNotGuessedFromTheirConsonants() {
    // "soal" would be "salah" and "enam" nothing better by consonants; they are words, not spoken forms
    assertThat(read("soal")).isEmpty();
    assertThat(read("kemarin")).isEmpty();
    assertThat(read("beliau")).isEmpty();
  }
}
