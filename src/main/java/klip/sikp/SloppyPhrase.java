package klip.sikp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * A phrase the second ranking phase matches in a document's forward tokens: the term slots of its
 * words and each word's place in the phrase, with the match sweep of Lucene's sloppy phrase scorer,
 * so a phrase scores as Lucene's PhraseQuery would.
 */
record SloppyPhrase(int[] slots, int[] offsets) {

  /** Words at consecutive places (as Lucene's PhraseQuery.Builder); null for a single word. */
  static SloppyPhrase consecutive(int[] slots) {
    if (slots.length < 2) {
      return null;
    }
    int[] offsets = new int[slots.length];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = i;
    }
    return new SloppyPhrase(slots, offsets);
  }

  /**
   * A text as the stemmed chain analyses it, with gaps where stop words were; null for fewer than
   * two words.
   */
  static SloppyPhrase analysed(String text, SlotTable stems) {
    List<int[]> terms = new ArrayList<>();
    try (TokenStream ts = SikpAnalysis.STEMMED.tokenStream("", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      int pos = -1;
      while (ts.incrementToken()) {
        pos += inc.getPositionIncrement();
        terms.add(new int[] {stems.slot(term.toString()), pos});
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (terms.size() < 2) {
      return null;
    }
    int[] slots = new int[terms.size()];
    int[] offsets = new int[terms.size()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = terms.get(i)[0];
      offsets[i] = terms.get(i)[1];
    }
    return new SloppyPhrase(slots, offsets);
  }

  /**
   * The sloppy frequency (the sum of 1 / (1 + distance) over the matches within {@code slop}) by
   * the match sweep of Lucene's SloppyPhraseMatcher: each word's occurrences shifted by its place
   * in the phrase; repeatedly take the word furthest behind, narrow the window by moving it
   * forward while it stays behind the next one, and count the window when it is within the slop.
   * (A word repeated within the phrase is treated like distinct words.)
   *
   * @param positions per word of the phrase (by its index; longer arrays are fine), its positions in
   *     the field (at least one)
   * @param counts per word, how many of its positions are valid
   */
  float frequency(int[][] positions, int[] counts, int slop) {
    int n = slots.length;
    int[] next = new int[n];
    int[] at = new int[n];
    boolean[] queued = new boolean[n];
    int end = Integer.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      at[i] = positions[i][0] - offsets[i];
      next[i] = 1;
      queued[i] = true;
      end = Math.max(end, at[i]);
    }
    float freq = 0;
    while (true) {
      int pp = lowest(at, queued);
      queued[pp] = false;
      int matchLength = end - at[pp];
      int following = at[lowest(at, queued)];
      boolean matched = false;
      while (next[pp] < counts[pp]) {
        at[pp] = positions[pp][next[pp]++] - offsets[pp];
        end = Math.max(end, at[pp]);
        if (at[pp] > following) {
          queued[pp] = true;
          if (matchLength <= slop) {
            freq += 1f / (1 + matchLength);
            matched = true;
            break;
          }
          pp = lowest(at, queued);
          queued[pp] = false;
          following = at[lowest(at, queued)];
          matchLength = end - at[pp];
        } else {
          matchLength = Math.min(matchLength, end - at[pp]);
        }
      }
      if (!matched) {
        if (matchLength <= slop) {
          freq += 1f / (1 + matchLength);
        }
        return freq;
      }
    }
  }

  /** The queued word furthest behind (ties: the earlier place in the phrase, as Lucene). */
  private int lowest(int[] at, boolean[] queued) {
    int best = -1;
    for (int i = 0; i < at.length; i++) {
      if (queued[i] && (best < 0 || at[i] < at[best]
          || (at[i] == at[best] && offsets[i] < offsets[best]))) {
        best = i;
      }
    }
    return best;
  }
}
