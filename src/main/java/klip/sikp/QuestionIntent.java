package klip.sikp;

import java.util.List;
import java.util.Set;

/**
 * What kind of answer a question asks for, as a set of bits: how to do something, why something
 * fails, what a thing is, when. Callers say it with closed-class question words ("gimana",
 * "kenapa", "apa itu", "kapan") that carry no topic and are mostly stop words; an article says it
 * in its own title and question ("Bagaimana cara ...", "Pesan '...' saat ...", "Pengertian ...",
 * "Batas waktu ..."). Articles on one topic differ mostly in kind ("Lupa EFIN", "Pesan 'EFIN tidak
 * terdaftar'", "Pengertian dan fungsi EFIN"), so an article whose kind agrees with the caller's
 * question is worth a little more ({@link #BONUS}). The kinds of the articles are read at index
 * time ({@link SikpFields#INTENT}); the caller's once per query.
 *
 * <p>Both sides are read from words alone: the cue words below are the language's question words
 * (standard, spoken, regional and English) and the words the articles' titles and questions use to
 * announce their kind; none comes from a query set. Whether one must or may ("harus", "perlu",
 * "wajib", "boleh", "apakah") is not a kind: callers say "harus" and "perlu" in every sort of
 * question ("harus gimana"), and as a kind it lowered tune MRR@5 (0.819 → 0.817, bench/SIKP.md).
 */
final class QuestionIntent {
  static final int HOW_TO = 1;
  static final int TROUBLE = 2;
  static final int MEANING = 4;
  static final int TIME = 8;

  /**
   * The score of an article of the caller's kind is multiplied by 1 + this. Set on dev+tune (tune
   * MRR@5 at 0 / 0.1 / 0.2 / 0.3: 0.819 / 0.822 / 0.824 / 0.823, dev 0.964 at each; bench/SIKP.md).
   */
  static final float BONUS = 0.2f;

  private static final Set<String> HOW_TO_WORDS = Set.of("cara", "caranya", "gimana", "gmn", "gmna",
      "bgmn", "bgm", "gmana", "gemana", "bagaimana", "gimane", "piye", "pripun", "kepriye", "kumaha",
      "cemana", "langkah", "langkahnya", "prosedur", "prosedurnya", "tahapan", "how", "tutorial",
      "step", "steps");
  private static final Set<String> TROUBLE_WORDS = Set.of("kenapa", "knp", "napa", "knapa",
      "mengapa", "kenape", "kenapah", "ngapa", "ngopo", "nopo", "kunaon", "naha", "why", "kok",
      "gagal", "error", "eror", "err", "errornya", "ditolak", "tolak", "rusak", "corrupt", "crash",
      "masalah", "kendala", "problem", "muncul", "pesan", "notif", "tulisan", "gabisa", "gbs",
      "failed", "fail");
  private static final Set<String> MEANING_WORDS = Set.of("apaan", "maksud", "maksudnya", "arti",
      "artinya", "pengertian", "definisi", "fungsi", "fungsinya", "gunanya", "kegunaan", "beda",
      "bedanya", "perbedaan", "bedain", "what", "meaning", "difference");
  private static final Set<String> TIME_WORDS = Set.of("kapan", "kpn", "kapane", "iraha", "when",
      "batas", "deadline", "telat", "terlambat", "keterlambatan", "kelewat", "tenggat", "lama",
      "jam");
  /** "apa itu", "buat apa": "apa" asks what a thing is only beside these. */
  private static final Set<String> BESIDE_APA = Set.of("itu", "buat", "untuk", "utk", "gunanya");

  /** Words an article's title and question announce their kind with, beyond the callers' cues. */
  private static final Set<String> ARTICLE_HOW_TO = Set.of("bagaimana", "cara", "langkah", "prosedur");
  private static final Set<String> ARTICLE_TROUBLE = Set.of("kenapa", "mengapa", "gagal", "error",
      "pesan", "muncul", "ditolak", "rusak", "terkunci", "terblokir", "lambat", "kedaluwarsa",
      "tidak", "belum", "salah");
  private static final Set<String> ARTICLE_MEANING = Set.of("pengertian", "perbedaan", "arti",
      "bedanya", "fungsi");
  private static final Set<String> ARTICLE_TIME = Set.of("batas", "kapan", "terlambat",
      "keterlambatan", "lama", "jam");

  private QuestionIntent() {}

  /** The kinds a caller's question asks for (0: none said). */
  static int ofQuery(String text) {
    return kinds(SikpAnalysis.tokens(SikpAnalysis.QUERY_TOKENS, text), HOW_TO_WORDS, TROUBLE_WORDS,
        MEANING_WORDS, TIME_WORDS);
  }

  /** The kinds an article answers, from its title and question. */
  static int ofArticle(String title, String question) {
    List<String> words = SikpAnalysis.tokens(SikpAnalysis.QUERY_TOKENS, title + " . " + question);
    return kinds(words, ARTICLE_HOW_TO, ARTICLE_TROUBLE, ARTICLE_MEANING, ARTICLE_TIME);
  }

  private static int kinds(List<String> words, Set<String> howTo, Set<String> trouble,
      Set<String> meaning, Set<String> time) {
    int kinds = 0;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      String next = i + 1 < words.size() ? words.get(i + 1) : "";
      String prev = i > 0 ? words.get(i - 1) : "";
      if (howTo.contains(w)) {
        kinds |= HOW_TO;
      }
      if (trouble.contains(w)) {
        kinds |= TROUBLE;
      }
      if (meaning.contains(w) || w.equals("apa") && (BESIDE_APA.contains(next) || BESIDE_APA.contains(prev))) {
        kinds |= MEANING;
      }
      if (time.contains(w)) {
        kinds |= TIME;
      }
    }
    return kinds;
  }

  /** The factor of an article's score: 1 + {@link #BONUS} if its kind agrees with the query's. */
  static float factor(int queryKinds, long articleKinds) {
    return (queryKinds & articleKinds) != 0 ? 1f + BONUS : 1f;
  }
}
