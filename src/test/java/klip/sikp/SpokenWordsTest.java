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
}
