package klip.sikp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the HTML snippet of a hit: the passage of the answer with the most distinct matched words,
 * matched words wrapped in {@code <mark>}, everything else HTML-escaped.
 *
 * <p>A word is "matched" when its surface form is a term of the query in an exact field, or its
 * stem is a term in a stemmed field; so corrections, completions and synonyms light up too.
 */
final class SnippetBuilder {
  static final int WINDOW = 220;

  private final Set<String> words = new HashSet<>();
  private final Set<String> stems = new HashSet<>();

  /** {@code words}: surface forms of the query (completions, corrections, synonyms); stems too. */
  SnippetBuilder(java.util.Collection<String> words, java.util.Collection<String> stems) {
    this.words.addAll(words);
    this.stems.addAll(stems);
  }

  private record Hit(int start, int end, String key) {}

  /** The snippet of {@code text}, whose words are {@code answer} ({@link AnswerWords#of}). */
  String snippet(String text, AnswerWords answer) {
    List<Hit> hits = hits(answer);
    if (hits.isEmpty()) {
      int end = cut(text, Math.min(text.length(), WINDOW));
      return escape(text.substring(0, end)) + (end < text.length() ? "…" : "");
    }
    int best = 0;
    int bestCount = -1;
    for (int i = 0; i < hits.size(); i++) {
      Set<String> distinct = new HashSet<>();
      for (int j = i; j < hits.size() && hits.get(j).end() - hits.get(i).start() <= WINDOW; j++) {
        distinct.add(hits.get(j).key());
      }
      if (distinct.size() > bestCount) {
        bestCount = distinct.size();
        best = i;
      }
    }
    int start = startOfPassage(text, hits.get(best).start());
    int end = cut(text, Math.min(text.length(), start + WINDOW));
    StringBuilder sb = new StringBuilder();
    if (start > 0) {
      sb.append('…');
    }
    int pos = start;
    for (Hit h : hits) {
      if (h.start() < start || h.end() > end) {
        continue;
      }
      sb.append(escape(text.substring(pos, h.start())))
          .append("<mark>").append(escape(text.substring(h.start(), h.end()))).append("</mark>");
      pos = h.end();
    }
    sb.append(escape(text.substring(pos, end)));
    if (end < text.length()) {
      sb.append('…');
    }
    return sb.toString();
  }

  /** The query's words among the answer's. */
  private List<Hit> hits(AnswerWords answer) {
    List<Hit> out = new ArrayList<>();
    for (int i = 0; i < answer.size(); i++) {
      String key = match(answer.words()[i], answer.stems()[i]);
      if (key != null) {
        out.add(new Hit(answer.starts()[i], answer.ends()[i], key));
      }
    }
    return out;
  }

  private String match(String w, String stem) {
    if (words.contains(w)) {
      return w;
    }
    return stem != null && stems.contains(stem) ? stem : null;
  }

  /** Start at the line or sentence holding the first hit if it is close, else a little before. */
  private static int startOfPassage(String text, int hit) {
    for (int i = hit - 1; i >= 0 && hit - i <= 80; i--) {
      char c = text.charAt(i);
      if (c == '\n' || (c == ' ' && i > 0 && text.charAt(i - 1) == '.')) {
        return i + 1;
      }
    }
    if (hit <= 80) {
      return 0;
    }
    int s = hit - 40;
    while (s < hit && !Character.isWhitespace(text.charAt(s))) {
      s++;
    }
    return Math.min(hit, s + 1);
  }

  /** Do not end in the middle of a word. */
  private static int cut(String text, int end) {
    if (end >= text.length()) {
      return text.length();
    }
    int e = end;
    while (e > end - 30 && e > 0 && !Character.isWhitespace(text.charAt(e))) {
      e--;
    }
    return e > end - 30 ? e : end;
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
