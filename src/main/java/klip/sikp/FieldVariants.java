package klip.sikp;

import org.apache.lucene.util.SmallFloat;

/**
 * The field variants the second ranking phase scores: first the stemmed fields, numbered as in
 * {@link ForwardTokens#FIELDS}, then the unstemmed twins of the first {@value #EXACT} of them (title,
 * question, keywords). Per variant its Lucene field name, boost and BM25 length normalisation, as
 * the index and the first phase use them.
 */
final class FieldVariants {
  static final int STEMMED = ForwardTokens.FIELDS.size();
  /** The stemmed fields with an unstemmed twin. */
  static final int EXACT = 3;
  static final int COUNT = STEMMED + EXACT;
  static final int ANSWER = ForwardTokens.FIELDS.indexOf(SikpFields.ANSWER);
  /**
   * Not a Lucene field: the answer's opening (its first {@value #LEAD_POSITIONS} positions), where
   * an article states the problem it answers, in the callers' terms of a symptom. Scored with the
   * answer's idf and without length normalisation (the window is fixed).
   */
  static final int LEAD = COUNT;
  static final int LEAD_POSITIONS = 30;
  /** The scored variants: the fields and their twins, then the answer's opening. */
  static final int SCORED = COUNT + 1;
  private static final float K1 = 1.2f;
  private static final float[] LENGTH_NORMALISATION = new float[COUNT];

  static {
    for (int f = 0; f < COUNT; f++) {
      String field = ForwardTokens.FIELDS.get(stemmedOf(f));
      LENGTH_NORMALISATION[f] = SikpFields.lengthNormalisation(field);
    }
  }

  private FieldVariants() {}

  private static int stemmedOf(int variant) {
    return variant < STEMMED ? variant : variant - STEMMED;
  }

  static String name(int variant) {
    String field = ForwardTokens.FIELDS.get(stemmedOf(variant));
    return variant < STEMMED ? field : field + SikpFields.EXACT_SUFFIX;
  }

  /** The variant's boost: its field's, times the unstemmed twin's weight for a twin. */
  static float boost(int variant, RankingWeights weights) {
    float boost = weights.boost(ForwardTokens.FIELDS.get(stemmedOf(variant)));
    return variant < STEMMED ? boost : boost * weights.exact();
  }

  /** The answer opening's length factor: 1 / k1 (b = 0). */
  static float leadLengthFactor() {
    return 1f / K1;
  }

  /**
   * 1 / (k1 · (1 − b + b · length / average length)) for each of Lucene's 256 quantised lengths,
   * indexed by {@link #lengthCode}: cached per field as Lucene's BM25 does, since the second phase
   * needs one per field of every candidate.
   */
  static float[] lengthFactors(int variant, float averageLength) {
    float[] table = new float[256];
    for (int code = 0; code < table.length; code++) {
      table[code] = factor(variant, SmallFloat.byte4ToInt((byte) code), averageLength);
    }
    return table;
  }

  /** The index of a field length in {@link #lengthFactors}. */
  static int lengthCode(int length) {
    return SmallFloat.intToByte4(length) & 0xFF;
  }

  private static float factor(int variant, int quantisedLength, float averageLength) {
    float dl = quantisedLength;
    float b = LENGTH_NORMALISATION[variant];
    return 1f / (K1 * ((1 - b) + b * dl / averageLength));
  }
}
