package klip.sikp;

/**
 * The query's stems and surface words in one table keyed by {@link ForwardTokens#hash}, with a bit
 * set in front of it: the second phase looks up every token of 300 candidates, nearly all of which
 * are no word of the query, so a miss costs one bit test, and a token whose surface form is its
 * stem (most of them) finds both of its slots in one look-up instead of one per {@link SlotTable}.
 * Built per query; read-only afterwards.
 */
final class QueryHashes {
  /** 4,096 bits: a query of 100 distinct words lets about 2% of the other tokens through to the probe. */
  private static final int WORDS = 64;

  private final long[] bits = new long[WORDS];
  /** Open addressing, at most 1/8 full; {@code entries[i]} is 1 + an index into the slot arrays, 0 if free. */
  private final int[] keys;
  private final int[] entries;
  private final int[] stemSlots;
  private final int[] exactSlots;
  private int size;

  QueryHashes(SlotTable stems, SlotTable exacts) {
    int most = stems.size() + exacts.size();
    int capacity = Math.max(64, Integer.highestOneBit(Math.max(1, most) * 8) << 1);
    keys = new int[capacity];
    entries = new int[capacity];
    stemSlots = new int[most];
    exactSlots = new int[most];
    for (int s = 0; s < stems.size(); s++) {
      stemSlots[entry(ForwardTokens.hash(stems.term(s)))] = s;
    }
    for (int s = 0; s < exacts.size(); s++) {
      exactSlots[entry(ForwardTokens.hash(exacts.term(s)))] = s;
    }
  }

  /** The entry of a token's hash, or -1 if the query has no word with that hash. */
  int find(int hash) {
    if ((bits[(hash >>> 6) & (WORDS - 1)] & (1L << hash)) == 0) {
      return -1;
    }
    int mask = keys.length - 1;
    for (int i = mix(hash) & mask; entries[i] != 0; i = (i + 1) & mask) {
      if (keys[i] == hash) {
        return entries[i] - 1;
      }
    }
    return -1;
  }

  /** The stem slot of an entry, or -1 if its hash is only a surface word's. */
  int stem(int entry) {
    return stemSlots[entry];
  }

  /** The surface word slot of an entry, or -1 if its hash is only a stem's. */
  int exact(int entry) {
    return exactSlots[entry];
  }

  /** The entry of {@code hash}, added (with no slots yet) if new. */
  private int entry(int hash) {
    int found = find(hash);
    if (found >= 0) {
      return found;
    }
    bits[(hash >>> 6) & (WORDS - 1)] |= 1L << hash;
    int mask = keys.length - 1;
    int i = mix(hash) & mask;
    while (entries[i] != 0) {
      i = (i + 1) & mask;
    }
    keys[i] = hash;
    stemSlots[size] = -1;
    exactSlots[size] = -1;
    entries[i] = ++size;
    return size - 1;
  }

  private static int mix(int h) {
    return h ^ (h >>> 16);
  }
}
