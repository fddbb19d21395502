package klip.sikp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns what an agent typed into "concepts": one per word or multi-word abbreviation, each with the
 * weighted alternative forms worth searching for it.
 *
 * <ul>
 *   <li>synonyms and abbreviations from {@link SynonymTable} ("spt thn" → "spt tahunan");
 *   <li>colloquial and regional morphology for unknown words: "masuk2" → "masuk", "daftarin" →
 *       "daftar", "ngirim" → "kirim", "nyimpen" → "simpen", "bapake" → "bapak", "daftarke" → "daftar";
 *   <li>function words (also with a particle: "bapaknya") are never "corrected" into content words,
 *       and those kept because they change the question ("tidak", "sudah", "belum") weigh half;
 *   <li>spelling correction of unknown words against the article vocabulary;
 *   <li>a spoken form that neither reading finds, read by its root's consonants ({@link
 *       SpokenRoots}: "catetan" → "catat", "kepake" → "pakai", "itung" → "hitung");
 *   <li>completion of the last word while the agent is still typing.
 * </ul>
 */
final class QueryInterpreter {
  /** An alternative form of a concept and how much a match on it is worth (1 = as typed). */
  record Alt(String text, float weight) {}

  /** One unit of meaning in the query. */
  record Concept(List<Alt> alts) {}

  static final int MAX_INPUT_CHARS = 1000;
  static final int MAX_WORDS = 16;
  static final float SYNONYM_WEIGHT = 0.9f;
  static final float COMPLETION_WEIGHT = 0.85f;
  static final float CORRECTION_WEIGHT = 0.8f;
  static final float ABBREVIATION_WEIGHT = 0.8f;
  private static final int MAX_ALTS = 8;
  private static final int MAX_COMPLETIONS = 6;
  private static final Pattern LETTERS_DIGITS = Pattern.compile("(\\d+)([a-z]+)|([a-z]+)(\\d+)");

  private final SynonymTable synonyms;

  QueryInterpreter(SynonymTable synonyms) {
    this.synonyms = synonyms;
  }

  List<Concept> interpret(String raw, Vocabulary vocab) {
    if (raw == null || raw.isBlank()) {
      return List.of();
    }
    String text = raw.length() > MAX_INPUT_CHARS ? raw.substring(0, MAX_INPUT_CHARS) : raw;
    boolean stillTyping = raw.length() <= MAX_INPUT_CHARS
        && !Character.isWhitespace(raw.charAt(raw.length() - 1));
    List<String> words = SikpAnalysis.tokens(SikpAnalysis.QUERY_TOKENS, text);
    int cut = contentCut(words);
    if (cut < words.size()) {
      words = words.subList(0, cut);
      stillTyping = false;
    }
    Map<Integer, SynonymTable.Match> matches = new LinkedHashMap<>();
    for (SynonymTable.Match m : synonyms.match(words)) {
      matches.put(m.start(), m);
    }
    List<Concept> out = new ArrayList<>();
    int i = 0;
    while (i < words.size()) {
      SynonymTable.Match m = matches.get(i);
      boolean last = i == words.size() - 1;
      if (m != null && m.length() > 1) {
        out.add(softenFunctionWord(synonymConcept(m.forms(), vocab)));
        i += m.length();
        continue;
      }
      boolean prefix = last && stillTyping;
      String w = words.get(i);
      Concept c = vocab.memo((prefix ? "p:" : "w:") + w, k -> softenFunctionWord(wordConcept(w, prefix, vocab)));
      // A word said twice is one concept: a caller's long question repeats its subject ("efin ...
      // minta efin"), and counting it twice let articles about that word alone outrank the question.
      if (!c.alts().isEmpty() && !out.contains(c)) {
        out.add(c);
      }
      i++;
    }
    return out;
  }

  /**
   * Where to cut a long question: after its {@link #MAX_WORDS}th word that is not a stop word. A
   * caller's whole question is mostly greetings, pronouns and particles, and the words that say what
   * the call is about often come last ("selamat siang, saya mau tanya, kalau ... akun"); counting the
   * stop words too cut those off. Stop words are kept in place up to the cut, so spoken phrases that
   * hold them still match the synonym table.
   */
  static int contentCut(List<String> words) {
    int content = 0;
    for (int i = 0; i < words.size(); i++) {
      if (!SikpAnalysis.STOP_WORDS.contains(words.get(i)) && ++content == MAX_WORDS) {
        return i + 1;
      }
    }
    return words.size();
  }

  private Concept synonymConcept(List<String> forms, Vocabulary vocab) {
    Map<String, Float> alts = new LinkedHashMap<>();
    alts.put(forms.get(0), 1f);
    for (String f : forms) {
      alts.putIfAbsent(f, SYNONYM_WEIGHT);
    }
    return prune(alts, vocab);
  }

  private Concept wordConcept(String word, boolean prefix, Vocabulary vocab) {
    Map<String, Float> alts = new LinkedHashMap<>();
    String w = stripReduplication(word);
    alts.put(w, 1f);
    addSynonyms(alts, w, 1f);
    boolean known = vocab.known(w) || synonyms.isKey(w);
    boolean completable = w.length() >= 2 || Character.isDigit(w.charAt(0));
    if (prefix && completable) {
      for (Vocabulary.Candidate c : vocab.completions(w, MAX_COMPLETIONS)) {
        alts.putIfAbsent(c.word(), COMPLETION_WEIGHT);
      }
    }
    if (known || alts.size() > 1) {
      return prune(alts, vocab);
    }
    if (isFunctionWord(w)) {
      // A function word, or an inflected form of a known word ("bapaknya", "dikirimkan"): the
      // stemmed fields match it as it is; "correcting" it would search for a different word.
      return prune(alts, vocab);
    }
    String colloquial = colloquial(w, vocab);
    if (colloquial != null) {
      alts.put(colloquial, 1f);
      addSynonyms(alts, colloquial, 1f);
      return prune(alts, vocab);
    }
    String split = splitLettersDigits(w);
    if (split != null) {
      alts.put(split, 1f);
    }
    // Unknown word: a vowel-less abbreviation, a truncation ("verif", "regis") or a typo.
    for (Vocabulary.Candidate c : vocab.expandSkeleton(w, 3)) {
      alts.putIfAbsent(c.word(), ABBREVIATION_WEIGHT);
      addSynonyms(alts, c.word(), ABBREVIATION_WEIGHT);
    }
    if (w.length() >= 3) {
      for (Vocabulary.Candidate c : vocab.completions(w, 4)) {
        alts.putIfAbsent(c.word(), ABBREVIATION_WEIGHT);
      }
    }
    for (Vocabulary.Candidate c : vocab.corrections(w, 3)) {
      float weight = c.distance() == 1 ? CORRECTION_WEIGHT : CORRECTION_WEIGHT * 0.85f;
      alts.putIfAbsent(c.word(), weight);
      addSynonyms(alts, c.word(), weight);
    }
    Concept read = prune(alts, vocab);
    if (read.alts().isEmpty() && !IndonesianRoots.inDictionary(w)) {
      // Nothing matched, and it is no standard word the articles simply lack ("kemarin",
      // "beliau"): a spoken form of an article's root ("catetan", "kepake", "ngawasin"), worth
      // as much as the spoken morphology's readings above (tune MRR@5 at weight 0.5 / 0.8 / 1:
      // 0.825 / 0.827 / 0.828, dev 0.964 at each).
      String root = vocab.spokenRoot(w);
      if (root != null) {
        alts.put(root, 1f);
        addSynonyms(alts, root, 1f);
        return prune(alts, vocab);
      }
    }
    return read;
  }

  /**
   * A word that only says whether, already, not yet, can or wants ("tidak", "sudah", "belum",
   * "bisa", "mau" and their spoken forms "gak", "udah", "blm", "bs", "pengen") counts half: callers'
   * sentences are full of them and many articles hold them, so at full weight they pull up articles
   * that share the caller's grammar rather than the topic. Set on dev (MRR@5 at 0.3 / 0.4 / 0.5 / 0.6 /
   * 0.7 / 1: 0.961 / 0.961 / 0.964 / 0.963 / 0.959 / 0.961).
   */
  static final float FUNCTION_WORD_WEIGHT = 0.5f;

  /** Whether every word of a form is a kept function word ("tidak", "tidak bisa", "belum ada"). */
  private static boolean onlyFunctionWords(String form) {
    for (String w : form.split(" ")) {
      if (!SikpAnalysis.MEANINGFUL_FUNCTION_WORDS.contains(w)) {
        return false;
      }
    }
    return true;
  }

  /** The concept of a kept function word, or of a form standing for one, weighted {@link #FUNCTION_WORD_WEIGHT}. */
  private static Concept softenFunctionWord(Concept c) {
    if (c.alts().isEmpty() || c.alts().stream().noneMatch(a -> a.weight() >= SYNONYM_WEIGHT
        && onlyFunctionWords(a.text()))) {
      return c;
    }
    List<Alt> out = new ArrayList<>(c.alts().size());
    for (Alt a : c.alts()) {
      out.add(new Alt(a.text(), a.weight() * FUNCTION_WORD_WEIGHT));
    }
    return new Concept(out);
  }

  /** A stop word, also with a particle or possessive ("bapaknya", "sayalah"). */
  private static boolean isFunctionWord(String w) {
    if (SikpAnalysis.STOP_WORDS.contains(w)) {
      return true;
    }
    char[] buf = w.toCharArray();
    String stem = new String(buf, 0, new org.apache.lucene.analysis.id.IndonesianStemmer().stem(buf, buf.length, false));
    return !stem.equals(w) && SikpAnalysis.STOP_WORDS.contains(stem);
  }


  private void addSynonyms(Map<String, Float> alts, String word, float base) {
    for (String f : synonyms.lookup(word)) {
      alts.putIfAbsent(f, base * SYNONYM_WEIGHT);
    }
  }

  /** Drops forms that cannot match (a word absent from every article) and caps the count. */
  private static Concept prune(Map<String, Float> alts, Vocabulary vocab) {
    List<Alt> out = new ArrayList<>();
    for (Map.Entry<String, Float> e : alts.entrySet()) {
      if (out.size() >= MAX_ALTS) {
        break;
      }
      if (matchable(e.getKey(), vocab)) {
        out.add(new Alt(e.getKey(), e.getValue()));
      }
    }
    return new Concept(out);
  }

  private static boolean matchable(String form, Vocabulary vocab) {
    for (String w : form.split(" ")) {
      if (!SikpAnalysis.STOP_WORDS.contains(w) && !vocab.known(w)) {
        return false;
      }
    }
    return true;
  }

  /** "masuk2" → "masuk": Indonesian reduplication written with a 2. */
  static String stripReduplication(String w) {
    if (w.length() > 3 && w.endsWith("2") && Character.isLetter(w.charAt(w.length() - 2))) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  /** "1770ss" → "1770 ss", "pph21" → "pph 21". */
  static String splitLettersDigits(String w) {
    var m = LETTERS_DIGITS.matcher(w);
    if (!m.matches()) {
      return null;
    }
    return m.group(1) != null ? m.group(1) + " " + m.group(2) : m.group(3) + " " + m.group(4);
  }

  /**
   * The standard form of a colloquial or regional word, if it is a known word: suffix -in for
   * -kan/-i (Jakarta/Betawi), Javanese -ne/-e (possessive) and -ke/-ake (for -kan), Sundanese -na
   * (possessive), and the nasal prefixes nge-, ng-, ny- for me(N)-. Only ever tried on words no
   * article holds, and kept only when the result is a word some article holds.
   */
  private String colloquial(String w, Vocabulary vocab) {
    List<String> bases = new ArrayList<>();
    bases.add(w);
    if (w.length() > 5 && w.endsWith("in")) {
      bases.add(w.substring(0, w.length() - 2));
    }
    if (w.startsWith("di") && w.length() > 5) {
      bases.add(w.substring(2)); // passive di- on a colloquial base: "ditelpon" → "telpon"
    }
    // Regional suffixes: Javanese -ne/-e (possessive, "bapake"), -ke/-ake (= -kan, "daftarke"),
    // Sundanese -na (possessive, "akunna"), Betawi/Javanese -nya written -ny.
    for (String suffix : REGIONAL_SUFFIXES) {
      if (w.length() > suffix.length() + 3 && w.endsWith(suffix)) {
        String base = w.substring(0, w.length() - suffix.length());
        bases.add(base);
        if (w.startsWith("di") && base.length() > 5) {
          bases.add(base.substring(2));
        }
      }
    }
    for (String base : bases) {
      for (String c : nasalCandidates(base)) {
        if (!c.equals(w) && c.length() >= 3 && (vocab.docFreq(c) > 0 || synonyms.isKey(c))) {
          return c;
        }
      }
    }
    return null;
  }

  private static final List<String> REGIONAL_SUFFIXES = List.of("ake", "ne", "ke", "na", "e", "ny");

  private static List<String> nasalCandidates(String w) {
    List<String> out = new ArrayList<>();
    out.add(w);
    if (w.startsWith("nge") && w.length() > 5) {
      out.add(w.substring(3));
    }
    if (w.startsWith("ny") && w.length() > 4) {
      out.add("s" + w.substring(2));
      out.add("c" + w.substring(2));
    }
    if ((w.startsWith("ng") || w.startsWith("ny")) && w.length() > 4) {
      out.add("me" + w); // "ngaku" → "mengaku", "nyimpan" → "menyimpan"
    }
    if (w.startsWith("ng") && w.length() > 4) {
      out.add("k" + w.substring(2));
      out.add(w.substring(2));
    }
    if (w.startsWith("m") && w.length() > 4 && !w.startsWith("me")) {
      out.add("p" + w.substring(1));
    }
    return out;
  }
}
