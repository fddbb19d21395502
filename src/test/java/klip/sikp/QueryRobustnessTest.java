package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryRobustnessTest extends SikpTestSupport {
  @ParameterizedTest
  @ValueSource(strings = {"\"(+-:*?~[]{}^\\/&&||", "lupa \"efin", "efin~2", "pass* AND (djp OR",
      "title:efin", "+-+-", "[a TO z]", "/regex.*/", "\\", "&&", "||", "!", "efin^10", "?", "*",
      "NOT", "AND OR", "\u0000", "\t\n"})
  void syntaxCharactersAreLiteral(String q) {
    assertThatCode(() -> searcher.suggest(q, null, 5)).doesNotThrowAnyException();
    assertThatCode(() -> searcher.suggest(q, "e-Filing", 5)).doesNotThrowAnyException();
  }

  @Test
  void syntaxAroundRealWordsStillFinds() {
    assertThat(searcher.suggest("lupa (efin) \"orang pribadi\" -", null, 3))
        .extracting(Suggestion::id).contains("SIKP-EFL-0005");
  }

  @Test
  void aLongQuestionIsReadToItsTopicEvenWhenItComesLast() {
    // 29 words, the topic in the last two: the word cap counts only words that are not stop words.
    String q = "halo kak permisi saya mau tanya nih soalnya saya itu dari kemarin bingung banget ya kak"
        + " terus akhirnya saya telepon aja ke sini kalau saya lupa efin";
    assertThat(q.split(" ")).hasSizeGreaterThan(QueryInterpreter.MAX_WORDS);
    assertThat(searcher.suggest(q, null, 3)).extracting(Suggestion::id).contains("SIKP-EFL-0005");
  }

  @Test
  void emptyInputGivesNothing() {
    assertThat(searcher.suggest(null, null, 5)).isEmpty();
    assertThat(searcher.suggest("", null, 5)).isEmpty();
    assertThat(searcher.suggest("   ", null, 5)).isEmpty();
    assertThat(searcher.suggest("efin", null, 0)).isEmpty();
  }

  @Test
  void hugeInputEmojiAndMixedScripts() {
    String big = "lupa efin 😀 ".repeat(1000);
    assertThat(big.length()).isGreaterThan(10_000);
    assertThat(searcher.suggest(big, null, 5)).isNotEmpty();
    assertThat(searcher.suggest("x".repeat(10_240), null, 5)).isNotNull();
    assertThatCode(() -> searcher.suggest("😀🙏🏽👍", null, 5)).doesNotThrowAnyException();
    assertThat(searcher.suggest("lupa 密码 пароль كلمة efin 😀", null, 5))
        .extracting(Suggestion::id).isNotEmpty();
    assertThatCode(() -> searcher.suggest("\uD83D", null, 5)).doesNotThrowAnyException();
  }

  @Test
  void filtersByApplicationAndAcceptsUnknownOnes() {
    List<Suggestion> s = searcher.suggest("lupa password", "e-Registration", 10);
    assertThat(s).isNotEmpty().allSatisfy(x -> assertThat(x.app()).isEqualTo("e-Registration"));
    assertThat(searcher.suggest("lupa password", "EREGISTRATION", 10)).isEqualTo(s);
    assertThat(searcher.suggest("lupa password", "Coretax", 10)).isEmpty();
    assertThat(searcher.suggest("lupa password", "all", 10)).hasSizeGreaterThan(s.size() - 1);
  }

  @Test
  void limitIsRespectedAndCapped() {
    assertThat(searcher.suggest("spt", null, 3)).hasSize(3);
    assertThat(searcher.suggest("spt", null, 10_000)).hasSizeLessThanOrEqualTo(SikpSearcher.MAX_LIMIT);
  }

  @Test
  void snippetIsEscapedHtmlWithMarks() {
    Suggestion s = searcher.suggest("lupa efin orang pribadi", null, 1).get(0);
    assertThat(s.snippet()).contains("<mark>").contains("</mark>");
    String withoutMarks = s.snippet().replace("<mark>", "").replace("</mark>", "");
    assertThat(withoutMarks).doesNotContain("<").doesNotContain(">");
    assertThat(SnippetBuilder.escape("<b>&\"'")).isEqualTo("&lt;b&gt;&amp;&quot;&#39;");
  }
}
