package klip.sikp;

import java.util.Arrays;
import org.apache.lucene.util.BytesRef;

/**
 * One candidate's occurrences of the query's terms, per field variant, read from its {@link
 * ForwardTokens}: how often each term occurs and where (enough positions for phrase matching), and
 * each field's BM25 length factor. Only the query's terms are kept: a token whose hash is no word
 * of the query ({@link QueryHashes}) is skipped. Scratch reused from one candidate to the next; not thread-safe.
 */
final class DocumentTerms {
  /**
   * Positions kept per term and field, enough for phrase matching; the frequency BM25 uses is
   * counted in full (a word of the callers' questions may recur in every one).
   */
  static final int MAX_POSITIONS = 16;

  private static final int STEMMED_FIELDS = FieldVariants.STEMMED;
  private static final int EXACT_FIELDS = FieldVariants.EXACT;

  private final QueryHashes terms;
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
    this.terms = new QueryHashes(stems, exacts);
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
      // One loop per kind of field, so the per-token loop tests nothing the field decides.
      if (f < EXACT_FIELDS) {
        int x = STEMMED_FIELDS + f;
        lengthFactor[x] = lengthFactors[x][code];
        collectWithTwin(f);
      } else if (f == FieldVariants.ANSWER) {
        lengthFactor[FieldVariants.LEAD] = FieldVariants.leadLengthFactor();
        collectAnswer(f);
      } else {
        collectStems(f);
      }
    }
  }

  private void collectStems(int f) {
    while (reader.nextToken()) {
      int entry = terms.find(reader.stemHash());
      if (entry >= 0) {
        addStem(f, terms.stem(entry), reader.position());
      }
    }
  }

  /** The answer, whose first positions are also its opening ({@link FieldVariants#LEAD}). */
  private void collectAnswer(int f) {
    while (reader.nextToken()) {
      int entry = terms.find(reader.stemHash());
      if (entry >= 0) {
        int stem = terms.stem(entry);
        int position = reader.position();
        addStem(f, stem, position);
        if (stem >= 0 && position < FieldVariants.LEAD_POSITIONS) {
          add(FieldVariants.LEAD, stem, position);
        }
      }
    }
  }

  /** A field with an unstemmed twin: each token counts by its stem and by its surface form. */
  private void collectWithTwin(int f) {
    int twin = STEMMED_FIELDS + f;
    while (reader.nextToken()) {
      int stemHash = reader.stemHash();
      int exactHash = reader.exactHash();
      int entry = terms.find(stemHash);
      if (entry >= 0) {
        addStem(f, terms.stem(entry), reader.position());
      }
      int exactEntry = exactHash == stemHash ? entry : terms.find(exactHash);
      if (exactEntry >= 0) {
        int exact = terms.exact(exactEntry);
        if (exact >= 0) {
          exactSeen[exact] = true;
          add(twin, exact, reader.position());
        }
      }
    }
  }

  private void addStem(int f, int stem, int position) {
    if (stem >= 0) {
      stemSeen[stem] = true;
      add(f, stem, position);
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
