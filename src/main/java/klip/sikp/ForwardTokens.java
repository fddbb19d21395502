package klip.sikp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * The analysed fields of one article (title, question and variants, keywords, application, answer,
 * callers' questions),
 * kept per document as a doc value so the second ranking phase can score a candidate from one
 * sequential read instead of advancing a hundred postings lists to it.
 *
 * <p>Per field, in {@link #FIELDS} order: the token count (which is also the field length Lucene
 * puts in its norms), then per token the position increment (shifted left by one; the low bit
 * says whether an unstemmed form different from the stem follows), the stem's hash and, if it
 * differs, the unstemmed form's hash. Positions follow Lucene's own indexing rules (stop words
 * leave gaps, a value of a multi-valued field starts {@link SikpAnalysis#VALUE_GAP} positions after
 * the previous one ends) so phrase distances agree with the postings.
 */
final class ForwardTokens {
  /** The fields encoded, in order; indexes into this list identify a field in a {@link Reader}. */
  static final List<String> FIELDS =
      List.of(SikpFields.TITLE, SikpFields.ASK, SikpFields.KEYWORDS, SikpFields.APP, SikpFields.ANSWER,
          SikpFields.ASKED);

  private ForwardTokens() {}

  /** Stable 32-bit hash of a term; collisions among a few thousand words are negligible. */
  static int hash(String term) {
    BytesRef b = new BytesRef(term);
    return StringHelper.murmurhash3_x86_32(b.bytes, b.offset, b.length, 0x5ec1f);
  }

  /** The encoded form of the given values per field (in {@link #FIELDS} order). */
  static BytesRef encode(List<List<String>> valuesPerField) {
    Out out = new Out();
    for (List<String> values : valuesPerField) {
      List<int[]> tokens = new ArrayList<>();
      int position = -1;
      int previous = -1;
      for (String value : values) {
        position = analyse(value, position, tokens) + SikpAnalysis.VALUE_GAP;
      }
      out.vint(tokens.size());
      for (int[] t : tokens) {
        int increment = t[0] - previous;
        previous = t[0];
        boolean differs = t[1] != t[2];
        out.vint((increment << 1) | (differs ? 1 : 0));
        out.int32(t[1]);
        if (differs) {
          out.int32(t[2]);
        }
      }
    }
    return new BytesRef(out.bytes, 0, out.length);
  }

  /**
   * Appends {position, stemHash, exactHash} for each token of {@code value}, starting after
   * {@code position}; returns the position after the value (trailing stop words count, as in
   * Lucene's indexing chain).
   */
  private static int analyse(String value, int position, List<int[]> tokens) {
    List<String> exact = new ArrayList<>();
    int end = run(SikpAnalysis.EXACT, value, position, exact, null);
    List<int[]> positions = new ArrayList<>();
    run(SikpAnalysis.STEMMED, value, position, null, positions);
    for (int i = 0; i < positions.size(); i++) {
      int stem = positions.get(i)[1];
      int surface = i < exact.size() ? hash(exact.get(i)) : stem;
      tokens.add(new int[] {positions.get(i)[0], stem, surface});
    }
    return end;
  }

  private static int run(Analyzer analyzer, String value, int position, List<String> words,
      List<int[]> stems) {
    int pos = position;
    try (TokenStream ts = analyzer.tokenStream("", value)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        pos += inc.getPositionIncrement();
        if (words != null) {
          words.add(term.toString());
        }
        if (stems != null) {
          stems.add(new int[] {pos, hash(term.toString())});
        }
      }
      ts.end();
      pos += inc.getPositionIncrement();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pos;
  }

  /**
   * Walks the tokens of one document's encoded value. Not thread-safe; reuse per query. Decodes the
   * bytes itself rather than through a DataInput: the second phase reads every token of 300
   * candidates, and the general reader's var-handle int read showed as a tenth of its time.
   */
  static final class Reader {
    private byte[] bytes;
    private int pos;
    private int end;
    private int field = -1;
    private int remaining;
    private int position;
    private int stem;
    private int exact;

    void reset(BytesRef value) {
      bytes = value.bytes;
      pos = value.offset;
      end = value.offset + value.length;
      field = -1;
      remaining = 0;
    }

    /** Moves to the next field; returns its token count (its length), or -1 after the last. */
    int nextField() {
      while (remaining > 0) {
        nextToken();
      }
      if (++field >= FIELDS.size() || pos >= end) {
        return -1;
      }
      remaining = vint();
      position = -1;
      return remaining;
    }

    /** Moves to the next token of the current field; false when the field has no more. */
    boolean nextToken() {
      if (remaining == 0) {
        return false;
      }
      remaining--;
      int code = vint();
      position += code >>> 1;
      stem = int32();
      exact = (code & 1) != 0 ? int32() : stem;
      return true;
    }

    private int vint() {
      byte b = bytes[pos++];
      int v = b & 0x7F;
      for (int shift = 7; b < 0; shift += 7) {
        b = bytes[pos++];
        v |= (b & 0x7F) << shift;
      }
      return v;
    }

    /** Little-endian, as {@link Out#int32} writes it. */
    private int int32() {
      byte[] b = bytes;
      int p = pos;
      pos = p + 4;
      return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | b[p + 3] << 24;
    }

    int field() {
      return field;
    }

    int position() {
      return position;
    }

    int stemHash() {
      return stem;
    }

    int exactHash() {
      return exact;
    }
  }

  /** A growable little-endian byte buffer, read by {@link Reader}. */
  private static final class Out {
    byte[] bytes = new byte[256];
    int length;

    void vint(int v) {
      while ((v & ~0x7F) != 0) {
        put((byte) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      put((byte) v);
    }

    void int32(int v) {
      put((byte) v);
      put((byte) (v >> 8));
      put((byte) (v >> 16));
      put((byte) (v >> 24));
    }

    private void put(byte b) {
      if (length == bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, length * 2);
      }
      bytes[length++] = b;
    }
  }
}
