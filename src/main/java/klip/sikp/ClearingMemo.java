package klip.sikp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values worked out from a key once and kept, shared by the search threads, emptied whole when it
 * holds {@code limit} keys: the keys are words and phrases of a language, a few thousand in use at
 * a time, so a full memo means old words and starting over costs only recomputation. The value is
 * computed outside the map's locks; two threads may compute the same one, and either is kept.
 */
final class ClearingMemo<K, V> {
  private final Map<K, V> values = new ConcurrentHashMap<>();
  private final int limit;

  ClearingMemo(int limit) {
    this.limit = limit;
  }

  V get(K key, Function<? super K, ? extends V> compute) {
    V value = values.get(key);
    if (value == null) {
      value = compute.apply(key);
      if (values.size() >= limit) {
        values.clear();
      }
      V raced = values.putIfAbsent(key, value);
      if (raced != null) {
        value = raced;
      }
    }
    return value;
  }
}
