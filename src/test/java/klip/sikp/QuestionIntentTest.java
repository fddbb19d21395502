package klip.sikp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuestionIntentTest {
  @Test
  void readsTheKindOfAnArticleFromItsTitleAndQuestion() {
    assertEquals(QuestionIntent.MEANING,
        QuestionIntent.ofArticle("Pengertian dan fungsi EFIN", "Apa itu EFIN dan untuk apa digunakan?"));
    assertEquals(QuestionIntent.HOW_TO,
        QuestionIntent.ofArticle("Registrasi akun DJP Online", "Bagaimana cara mendaftar akun DJP Online?"));
    assertEquals(QuestionIntent.TROUBLE, QuestionIntent.ofArticle(
        "Pesan 'EFIN tidak terdaftar'", "Muncul pesan EFIN tidak terdaftar, apa penyebabnya?"));
    assertEquals(QuestionIntent.TIME,
        QuestionIntent.ofArticle("Batas waktu penyampaian SPT", "Kapan batas akhir lapor SPT?"));
  }

  @Test
  void readsTheKindACallerAsksForFromQuestionWordsInAnySpeech() {
    assertEquals(QuestionIntent.HOW_TO, QuestionIntent.ofQuery("efin ilang gmn"));
    assertEquals(QuestionIntent.HOW_TO, QuestionIntent.ofQuery("daftar npwp kumaha"));
    assertEquals(QuestionIntent.TROUBLE, QuestionIntent.ofQuery("knp login ditolak"));
    assertEquals(QuestionIntent.MEANING, QuestionIntent.ofQuery("efin itu buat apa sih"));
    assertEquals(QuestionIntent.TIME, QuestionIntent.ofQuery("lapor spt paling telat kpn"));
    assertEquals(0, QuestionIntent.ofQuery("efin lupa"), "no question word, no kind");
    assertEquals(0, QuestionIntent.ofQuery("harus lapor spt"), "obligation is not a kind");
  }

  @Test
  void favoursOnlyAnArticleOfTheAskedKind() {
    assertEquals(1f + QuestionIntent.BONUS, QuestionIntent.factor(QuestionIntent.HOW_TO,
        QuestionIntent.HOW_TO | QuestionIntent.TROUBLE));
    assertEquals(1f, QuestionIntent.factor(QuestionIntent.MEANING, QuestionIntent.HOW_TO));
    assertEquals(1f, QuestionIntent.factor(0, QuestionIntent.HOW_TO));
  }
}
