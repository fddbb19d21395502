package klip.sikp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The knowledge-gap report: questions answered without an SIKP article, grouped by the words they share after
 * SIKP's own analysis (folding, stop words, Indonesian stemming), so "lupa efin", "efinnya hilang" and "EFIN
 * lupa" fall under one term. Most frequent terms first; a question counts once per term. CPU work: call it on a
 * worker thread.
 */
public final class KnowledgeGaps {
  static final int MAX_GROUPS = 30;
  static final int EXAMPLES = 5;

  /** One question of a ticket answered without SIKP. */
  public record Gap(long ticketId, String question, String application) {}

  private KnowledgeGaps() {
  }

  public static JsonArray report(List<Gap> gaps) {
    Map<String, List<Gap>> byTerm = new HashMap<>();
    Map<String, Map<String, Integer>> together = new HashMap<>();
    for (Gap g : gaps) {
      Set<String> terms = terms(g.question());
      for (String t : terms) {
        byTerm.computeIfAbsent(t, k -> new ArrayList<>()).add(g);
        Map<String, Integer> co = together.computeIfAbsent(t, k -> new HashMap<>());
        terms.stream().filter(o -> !o.equals(t)).forEach(o -> co.merge(o, 1, Integer::sum));
      }
    }
    JsonArray out = new JsonArray();
    byTerm.entrySet().stream()
        .sorted(Comparator.<Map.Entry<String, List<Gap>>>comparingInt(e -> -e.getValue().size())
            .thenComparing(Map.Entry::getKey))
        .limit(MAX_GROUPS)
        .forEach(e -> {
          JsonArray examples = new JsonArray();
          e.getValue().stream().limit(EXAMPLES).forEach(g -> examples.add(new JsonObject()
              .put("ticketId", g.ticketId()).put("question", g.question()).put("application", g.application())));
          JsonArray related = new JsonArray();
          together.get(e.getKey()).entrySet().stream()
              .sorted(Comparator.<Map.Entry<String, Integer>>comparingInt(c -> -c.getValue())
                  .thenComparing(Map.Entry::getKey))
              .limit(3).forEach(c -> related.add(c.getKey()));
          out.add(new JsonObject().put("term", e.getKey()).put("count", e.getValue().size())
              .put("related", related).put("examples", examples));
        });
    return out;
  }

  static Set<String> terms(String question) {
    Set<String> out = new LinkedHashSet<>();
    for (String t : SikpAnalysis.tokens(SikpAnalysis.STEMMED, question == null ? "" : question)) {
      // Numbers (years, NPWPs) and one- or two-letter leftovers say nothing about the missing topic.
      if (t.length() > 2 && !t.chars().allMatch(Character::isDigit) && !SikpAnalysis.STOP_WORDS.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }
}
