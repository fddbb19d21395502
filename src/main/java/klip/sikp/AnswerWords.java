package klip.sikp;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;

/**
 * The words of an answer text where {@link SnippetBuilder} looks for the query: each word's place,
 * its folded lower-case form and its stem. None of it depends on the query, so it is worked out
 * once per article and reader ({@link ShownFields}) instead of for every suggestion shown: while an
 * agent types, one keystroke after another shows mostly the same articles.
 *
 * <p>A plain scan rather than the analysis chain: only word boundaries matter here. Words are runs
 * of letters and digits, folded and lower-cased like the index; "e-Filing" is one word, as there.
 */
record AnswerWords(int[] starts, int[] ends, String[] words, String[] stems) {
  static AnswerWords of(String text) {
    List<int[]> places = new ArrayList<>();
    List<String> words = new ArrayList<>();
    int n = text.length();
    int i = 0;
    StringBuilder word = new StringBuilder(32);
    while (i < n) {
      if (!Character.isLetterOrDigit(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      word.setLength(0);
      while (i < n) {
        char c = text.charAt(i);
        if (Character.isLetterOrDigit(c)) {
          word.append(c);
          i++;
        } else if (c == '-' && i == start + 1 && Character.isLetter(text.charAt(start))
            && i + 1 < n && Character.isLetter(text.charAt(i + 1))) {
          i++; // a lone letter glued by a hyphen is part of the name: e-Filing
        } else {
          break;
        }
      }
      places.add(new int[] {start, i});
      words.add(shared(normalise(word)));
    }
    int count = words.size();
    int[] starts = new int[count];
    int[] ends = new int[count];
    String[] stems = new String[count];
    for (int w = 0; w < count; w++) {
      starts[w] = places.get(w)[0];
      ends[w] = places.get(w)[1];
      stems[w] = SikpAnalysis.stem(words.get(w));
    }
    return new AnswerWords(starts, ends, words.toArray(new String[0]), stems);
  }

  /**
   * One instance per distinct word: the answers of the articles {@link ShownFields} keeps are made of a
   * few thousand distinct words, and a string per occurrence made them three times larger; kept objects
   * are what the young collections copy (at 50,000 articles the suggestions' caches held 34 MB).
   */
  private static String shared(String word) {
    return SHARED.get(word, w -> w);
  }

  /** Emptied when full: only sharing is lost. */
  private static final ClearingMemo<String, String> SHARED = new ClearingMemo<>(100_000);

  int size() {
    return words.length;
  }

  /** Lower case, accents folded to ASCII (as the analysis chain does). */
  private static String normalise(StringBuilder word) {
    boolean ascii = true;
    for (int i = 0; i < word.length() && ascii; i++) {
      ascii = word.charAt(i) <= 0x7F;
    }
    if (ascii) { // nearly every word: lower-cased in place, one string instead of two
      for (int i = 0; i < word.length(); i++) {
        char c = word.charAt(i);
        if (c >= 'A' && c <= 'Z') {
          word.setCharAt(i, (char) (c + ('a' - 'A')));
        }
      }
      return word.toString();
    }
    String lower = word.toString().toLowerCase(java.util.Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      if (lower.charAt(i) > 0x7F) {
        char[] in = lower.toCharArray();
        char[] folded = new char[in.length * 4];
        int len = ASCIIFoldingFilter.foldToASCII(in, 0, folded, 0, in.length);
        return new String(folded, 0, len);
      }
    }
    return lower;
  }
}
