package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Representative agent inputs, one per way of writing, and the article that must come first. */
class TopResultTest extends SikpTestSupport {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "lupa efin wp ora,                   SIKP-EFL-0005", // cut-off last word, abbreviation
      "pasword djp onlen,                  SIKP-EFL-0023", // typos
      "token ereg gak masuk,               SIKP-ERG-0008", // colloquial negation, app alias
      "account locked,                     SIKP-EFL-0031", // English
      "forgot password e-registration,     SIKP-ERG-0028", // English + app name
      "spt kb bikin kode billing,          SIKP-EFL-0053", // kb = kurang bayar, bikin
      "kartu npwp ilang,                   SIKP-ERG-0013", // colloquial hilang
      "database espt rusak,                SIKP-ESP-0008", // e-SPT written together
      "ditelpon orang ngaku petugas pajak, SIKP-UMM-0017", // colloquial verb forms
  })
  void firstSuggestion(String query, String expected) {
    assertThat(searcher.suggest(query, null, 5)).first()
        .extracting(Suggestion::id).isEqualTo(expected);
  }
}
