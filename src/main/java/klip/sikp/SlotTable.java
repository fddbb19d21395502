package klip.sikp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The query's distinct terms of one family, numbered from 0, found by their hash. */
final class SlotTable {
  private final List<String> terms = new ArrayList<>();
  /**
   * Open addressing on the term's {@link ForwardTokens#hash}, at most 1/8 full: a slot is the hash's,
   * as {@link QueryHashes} (which the second phase's token walk probes instead) finds it again.
   */
  private int[] keys = new int[256];
  private int[] values = filled(256);

  private static int[] filled(int n) {
    int[] a = new int[n];
    Arrays.fill(a, -1);
    return a;
  }

  int slot(String term) {
    int h = ForwardTokens.hash(term);
    int found = find(h);
    if (found >= 0) {
      return found;
    }
    if ((terms.size() + 1) * 8 > keys.length) {
      grow();
    }
    terms.add(term);
    put(h, terms.size() - 1);
    return terms.size() - 1;
  }

  int find(int hash) {
    int mask = keys.length - 1;
    for (int i = mix(hash) & mask; values[i] >= 0; i = (i + 1) & mask) {
      if (keys[i] == hash) {
        return values[i];
      }
    }
    return -1;
  }

  int size() {
    return terms.size();
  }

  String term(int slot) {
    return terms.get(slot);
  }

  List<String> terms() {
    return terms;
  }

  private void put(int hash, int value) {
    int mask = keys.length - 1;
    int i = mix(hash) & mask;
    while (values[i] >= 0) {
      i = (i + 1) & mask;
    }
    keys[i] = hash;
    values[i] = value;
  }

  private void grow() {
    int[] oldKeys = keys;
    int[] oldValues = values;
    keys = new int[oldKeys.length * 2];
    values = filled(oldKeys.length * 2);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] >= 0) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  private static int mix(int h) {
    return h ^ (h >>> 16);
  }
}
