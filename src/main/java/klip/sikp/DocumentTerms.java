package klip.sikp;

import java.util.Arrays;
import org.apache.lucene.util.BytesRef;

/**
 * One candidate's occurrences of the query's terms, per field variant, read from its {@link
 * ForwardTokens}: how often each term occurs and where (enough positions for phrase matching), and
 * each field's BM25 length factor. Only the query's terms are kept: a token whose hash is in neither
 * {@link SlotTable} is skipped. Scratch reused from one candidate to the next; not thread-safe.
 */
final class DocumentTerms {
  /**
   * Positions kept per term and field, enough for phrase matching; the frequency BM25 uses is
   * counted in full (a word of the callers' questions may recur in every one).
   */
  static final int MAX_POSITIONS = 16;

  private static final int STEMMED_FIELDS = FieldVariants.STEMMED;
  private static final int EXACT_FIELDS = FieldVariants.EXACT;

  private final SlotTable stems;
  private final SlotTable exacts;
  private final float[][] lengthFactors;
  private final int slots;
  private final int[] counts;
  private final int[][] positions;
  private final float[] lengthFactor = new float[FieldVariants.SCORED];
  /** Whether the stem, or the surface form, in a slot occurs in any field of the document. */
  private final boolean[] stemSeen;
  private final boolean[] exactSeen;
  private final ForwardTokens.Reader reader = new ForwardTokens.Reader();

  /**
   * @param lengthFactors per field variant, its {@link FieldVariants#lengthFactors} in the reader
   */
  DocumentTerms(SlotTable stems, SlotTable exacts, float[][] lengthFactors) {
    this.stems = stems;
    this.exacts = exacts;
    this.lengthFactors = lengthFactors;
    this.slots = Math.max(stems.size(), exacts.size());
    this.counts = new int[FieldVariants.SCORED * slots];
    this.positions = new int[FieldVariants.SCORED * slots][];
    this.stemSeen = new boolean[slots];
    this.exactSeen = new boolean[slots];
  }

  /** Reads the document's tokens into per-(field, term) counts and positions. */
  void collect(BytesRef forward) {
    Arrays.fill(counts, 0);
    Arrays.fill(lengthFactor, 0);
    Arrays.fill(stemSeen, false);
    Arrays.fill(exactSeen, false);
    reader.reset(forward);
    int length;
    while ((length = reader.nextField()) >= 0) {
      int f = reader.field();
      int code = FieldVariants.lengthCode(length);
      lengthFactor[f] = lengthFactors[f][code];
      boolean twin = f < EXACT_FIELDS;
      if (twin) {
        int x = STEMMED_FIELDS + f;
        lengthFactor[x] = lengthFactors[x][code];
      }
      boolean answer = f == FieldVariants.ANSWER;
      if (answer) {
        lengthFactor[FieldVariants.LEAD] = FieldVariants.leadLengthFactor();
      }
      while (reader.nextToken()) {
        int stem = stems.find(reader.stemHash());
        if (stem >= 0) {
          stemSeen[stem] = true;
        }
        add(f, stem, reader.position());
        if (answer && reader.position() < FieldVariants.LEAD_POSITIONS) {
          add(FieldVariants.LEAD, stem, reader.position());
        }
        if (twin) {
          int exact = exacts.find(reader.exactHash());
          if (exact >= 0) {
            exactSeen[exact] = true;
          }
          add(STEMMED_FIELDS + f, exact, reader.position());
        }
      }
    }
  }

  /**
   * Whether a word, by its stem's slot or its surface form's, occurs anywhere in the document; if
   * not, every field variant counts it 0 times.
   */
  boolean seen(int stemSlot, int exactSlot) {
    return stemSeen[stemSlot] || exactSeen[exactSlot];
  }

  /** How often the term in {@code slot} occurs in the field variant. */
  int count(int variant, int slot) {
    return counts[index(variant, slot)];
  }

  /** Its first positions there ({@code min(count, MAX_POSITIONS)} of them are valid). */
  int[] positions(int variant, int slot) {
    return positions[index(variant, slot)];
  }

  /** 1 / (k1 · (1 − b + b · length / average length)) of the field variant; 0 if absent. */
  float lengthFactor(int variant) {
    return lengthFactor[variant];
  }

  private int index(int variant, int slot) {
    return variant * slots + slot;
  }

  private void add(int variant, int slot, int position) {
    if (slot < 0) {
      return;
    }
    int i = index(variant, slot);
    int c = counts[i]++;
    if (c >= MAX_POSITIONS) {
      return;
    }
    int[] ps = positions[i];
    if (ps == null) {
      ps = positions[i] = new int[MAX_POSITIONS];
    }
    ps[c] = position;
  }
}
