package klip.sikp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import jsastrawi.morphology.DefaultLemmatizer;
import jsastrawi.morphology.Lemmatizer;
import org.apache.lucene.analysis.id.IndonesianStemmer;

/**
 * The root of an Indonesian word by the Nazief–Adriani confix-stripping algorithm against its
 * dictionary of some 30,000 root words (JSastrawi): prefixes with their nasal assimilation undone
 * ("mengirim", "pengiriman", "terkirim" → "kirim"; "menulis" → "tulis"; "memakai" → "pakai"),
 * confixes ("perbaikan", "memperbaiki" → "baik"), suffixes and particles, reduplication ("kata-kata"
 * → "kata"). Lucene's rule-only stemmer cannot restore the consonant a nasal prefix swallowed
 * ("mengirim" → "irim" but "kirim" → "kirim") and strips endings of roots ("berlaku" → "berla").
 * A word with no root in the dictionary (names, abbreviations, English: "efin", "tokennya") falls
 * back to Lucene's stemmer, which still takes off its particles and possessives.
 */
final class IndonesianRoots {
  private static final Set<String> ROOTS = dictionary();
  private static final Lemmatizer LEMMATIZER = new DefaultLemmatizer(ROOTS);

  private IndonesianRoots() {}

  /** The root of a folded, lower-case word. Not cached: callers cache (it costs ~30 µs). */
  static String root(String word) {
    if (ROOTS.contains(word)) {
      return word;
    }
    String lemma = LEMMATIZER.lemmatize(word);
    if (!lemma.equals(word)) {
      return lemma;
    }
    return tala(word);
  }

  /**
   * Whether a folded, lower-case word is Indonesian by the dictionary: a root of it, or a word the
   * confix stripping reduces to one ("pemasukan" → "masuk"); false for names, abbreviations, English
   * and spoken forms ("efin", "taun", "ngisiin").
   */
  static boolean inDictionary(String word) {
    return ROOTS.contains(word) || !LEMMATIZER.lemmatize(word).equals(word);
  }

  private static String tala(String word) {
    char[] buf = word.toCharArray();
    return new String(buf, 0, new IndonesianStemmer().stem(buf, buf.length, true));
  }

  private static Set<String> dictionary() {
    Set<String> roots = new HashSet<>(40_000);
    try (InputStream in = DefaultLemmatizer.class.getResourceAsStream("/root-words.txt");
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String w = line.trim();
        if (!w.isEmpty()) {
          roots.add(w);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return roots;
  }
}
