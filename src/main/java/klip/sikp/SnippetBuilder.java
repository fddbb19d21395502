package klip.sikp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.id.IndonesianStemmer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

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

  SnippetBuilder(Query query) {
    query.visit(new QueryVisitor() {
      @Override
      public void consumeTerms(Query q, Term... terms) {
        for (Term t : terms) {
          if (SikpFields.APP_KEY.equals(t.field())) {
            continue;
          }
          (t.field().endsWith(SikpFields.EXACT_SUFFIX) ? words : stems).add(t.text());
        }
      }

      @Override
      public QueryVisitor getSubVisitor(org.apache.lucene.search.BooleanClause.Occur occur,
          Query parent) {
        return this;
      }
    });
  }

  private record Hit(int start, int end, String key) {}

  String snippet(String text) {
    List<Hit> hits = hits(text);
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

  private List<Hit> hits(String text) {
    List<Hit> out = new ArrayList<>();
    IndonesianStemmer stemmer = new IndonesianStemmer();
    char[] buf = new char[64];
    try (TokenStream ts = SikpAnalysis.QUERY_TOKENS.tokenStream("", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        String w = term.toString();
        String key = null;
        if (words.contains(w)) {
          key = w;
        } else if (!SikpAnalysis.STOP_WORDS.contains(w) && w.length() < buf.length) {
          w.getChars(0, w.length(), buf, 0);
          String stem = new String(buf, 0, stemmer.stem(buf, w.length(), true));
          if (stems.contains(stem)) {
            key = stem;
          }
        }
        if (key != null && off.endOffset() <= text.length()) {
          out.add(new Hit(off.startOffset(), off.endOffset(), key));
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
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
