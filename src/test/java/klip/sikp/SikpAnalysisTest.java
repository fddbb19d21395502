package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SikpAnalysisTest {

  @Test
  void stemsIndonesianDerivations() {
    assertThat(SikpAnalysis.tokens(SikpAnalysis.STEMMED, "pendaftaran mendaftar didaftarkan"))
        .containsExactly("daftar", "daftar", "daftar");
    assertThat(SikpAnalysis.tokens(SikpAnalysis.STEMMED, "perusahaan pembayaran pelaporan"))
        .containsExactly("usaha", "bayar", "lapor");
    assertThat(SikpAnalysis.tokens(SikpAnalysis.STEMMED, "tokennya tahunan")).containsExactly("token", "tahun");
  }

  @Test
  void undoesNasalPrefixesAndConfixesByTheRootDictionary() {
    // the consonant a nasal prefix swallowed comes back, so the verb, its noun and its root meet
    assertThat(SikpAnalysis.tokens(SikpAnalysis.STEMMED, "mengirim pengiriman terkirim kirim"))
        .containsOnly("kirim");
    assertThat(SikpAnalysis.tokens(SikpAnalysis.STEMMED, "menulis penulisan tulis")).containsOnly("tulis");
    assertThat(SikpAnalysis.tokens(SikpAnalysis.STEMMED, "memakai pemakaian pakai")).containsOnly("pakai");
    assertThat(SikpAnalysis.tokens(SikpAnalysis.STEMMED, "memperbaiki perbaikan")).containsOnly("baik");
    // a root is not cut down ("berlaku" is ber- + laku, not "berla" + -ku)
    assertThat(SikpAnalysis.stem("berlaku")).isEqualTo("laku");
    assertThat(SikpAnalysis.stem("bayar")).isEqualTo("bayar");
    // words outside the dictionary still lose their particles and possessives
    assertThat(SikpAnalysis.stem("efinnya")).isEqualTo("efin");
  }

  @Test
  void singleWordStemMatchesTheChain() {
    for (String w : new String[] {"pembetulan", "dikirimkan", "kedaluwarsa", "penipuan", "efin"}) {
      assertThat(SikpAnalysis.stem(w)).isEqualTo(SikpAnalysis.tokens(SikpAnalysis.STEMMED, w).get(0));
    }
    assertThat(SikpAnalysis.stem("yang")).isNull();
  }

  @Test
  void foldsCaseAndAccentsAndJoinsLetterPrefixes() {
    assertThat(SikpAnalysis.tokens(SikpAnalysis.EXACT, "Café DJP e-Filing E-SPT m-Pajak"))
        .containsExactly("cafe", "djp", "efiling", "espt", "mpajak");
  }

  @Test
  void dropsFunctionWordsButKeepsMeaningfulOnes() {
    assertThat(SikpAnalysis.tokens(SikpAnalysis.EXACT, "yang dan lebih bayar belum masuk"))
        .containsExactly("lebih", "bayar", "belum", "masuk");
    assertThat(SikpAnalysis.tokens(SikpAnalysis.QUERY_TOKENS, "yang tdk"))
        .containsExactly("yang", "tdk");
  }
}
