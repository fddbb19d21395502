package klip.sikp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Query-time synonyms and abbreviations, multi-word aware, loaded from a maintained text file
 * (format in {@code src/main/resources/sikp/synonyms.txt}).
 *
 * <p>Applied at query time only, so the editors can change the list without reindexing, and one
 * abbreviation may expand to several readings that all get scored against the index.
 */
public final class SynonymTable {
  private static final Logger log = LoggerFactory.getLogger(SynonymTable.class);
  public static final String BUNDLED = "/sikp/synonyms.txt";

  /** A run of query words that matched a synonym key, and what it expands to (itself first). */
  public record Match(int start, int length, List<String> forms) {}

  private final Map<String, List<String>> forms;
  private final int maxKeyWords;

  private SynonymTable(Map<String, List<String>> forms) {
    this.forms = forms;
    this.maxKeyWords = forms.keySet().stream().mapToInt(k -> k.split(" ").length).max().orElse(1);
  }

  public static SynonymTable bundled() {
    try (InputStream in = SynonymTable.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + BUNDLED);
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SynonymTable parse(Reader reader) throws IOException {
    Map<String, LinkedHashSet<String>> acc = new HashMap<>();
    BufferedReader in = new BufferedReader(reader);
    String line;
    int no = 0;
    while ((line = in.readLine()) != null) {
      no++;
      int hash = line.indexOf('#');
      String rule = (hash >= 0 ? line.substring(0, hash) : line).trim();
      if (rule.isEmpty()) {
        continue;
      }
      String[] sides = rule.split("=>", -1);
      if (sides.length > 2) {
        log.warn("synonyms line {}: more than one '=>', skipped", no);
        continue;
      }
      List<String> left = normalizeAll(sides[0]);
      List<String> right = sides.length == 2 ? normalizeAll(sides[1]) : left;
      for (String key : left) {
        LinkedHashSet<String> set = acc.computeIfAbsent(key, k -> new LinkedHashSet<>());
        set.add(key);
        set.addAll(right);
      }
    }
    Map<String, List<String>> frozen = new HashMap<>();
    acc.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return new SynonymTable(Collections.unmodifiableMap(frozen));
  }

  private static List<String> normalizeAll(String side) {
    List<String> out = new ArrayList<>();
    for (String form : side.split(",")) {
      String n = normalize(form);
      if (!n.isEmpty()) {
        out.add(n);
      }
    }
    return out;
  }

  /** Folded, lower-case words joined by one space: the shape keys are looked up in. */
  public static String normalize(String text) {
    return String.join(" ", SikpAnalysis.tokens(SikpAnalysis.QUERY_TOKENS, text));
  }

  /** Forms for a normalised key (the key first), or an empty list. */
  public List<String> lookup(String key) {
    return forms.getOrDefault(key, List.of());
  }

  public boolean isKey(String key) {
    return forms.containsKey(key);
  }

  /**
   * Greedy longest-first matching of keys over {@code words}. Words not covered by any key are
   * absent from the result.
   */
  public List<Match> match(List<String> words) {
    List<Match> out = new ArrayList<>();
    int i = 0;
    while (i < words.size()) {
      int matched = 0;
      for (int n = Math.min(maxKeyWords, words.size() - i); n >= 1; n--) {
        List<String> f = forms.get(String.join(" ", words.subList(i, i + n)));
        if (f != null) {
          out.add(new Match(i, n, f));
          matched = n;
          break;
        }
      }
      i += Math.max(matched, 1);
    }
    return out;
  }

  public Set<String> keys() {
    return forms.keySet();
  }
}
