package klip.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/** A benchmark's {@code key=value} arguments; any other argument is ignored. */
record BenchOptions(Map<String, String> values) {

  static BenchOptions of(String[] args) {
    return new BenchOptions(Arrays.stream(args).filter(a -> a.contains("="))
        .collect(Collectors.toMap(a -> a.substring(0, a.indexOf('=')), a -> a.substring(a.indexOf('=') + 1))));
  }

  int integer(String key, int orElse) {
    String v = values.get(key);
    return v == null ? orElse : Integer.parseInt(v.trim());
  }

  String string(String key, String orElse) {
    return values.getOrDefault(key, orElse);
  }
}
