package klip.sikp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;

/**
 * Builds the Lucene query from interpreted concepts, programmatically: nothing the agent types is
 * ever parsed as query syntax, so {@code "(+-:*?~[]{}^\/&&||} are plain characters.
 *
 * <p>Shape: the sum over concepts (more concepts matched ranks higher), each concept the best of
 * its alternatives (a synonym never counts twice), each alternative the best field (with its
 * boost) plus a share of the others.
 * Multi-word forms also score as a phrase, and a sloppy phrase over the whole query rewards
 * questions worded like the agent's.
 */
final class SikpQueryBuilder {
  static final float PHRASE_WEIGHT = 0.5f;
  static final float PROXIMITY_WEIGHT = 0.6f;
  static final float FIELD_TIE = 0.3f;

  private final QueryBuilder stemmed = new QueryBuilder(SikpAnalysis.STEMMED);

  /**
   * The query in two forms. {@code candidates} has the same concepts, alternatives and field
   * boosts but no phrase or proximity clauses: phrases must read positions of every document
   * holding their (often common) words, which at tens of thousands of articles costs most of
   * the search time, while they only reorder documents that already match the words. The
   * searcher takes the top candidates and ranks them by {@code full}.
   */
  record Built(Query candidates, Query full) {}

  /** Null when nothing searchable remains (empty input, only stop words or unknown symbols). */
  Built build(List<QueryInterpreter.Concept> concepts, String appKey) {
    Query full = build(concepts, appKey, true);
    return full == null ? null : new Built(withApp(candidates(concepts), appKey), full);
  }

  /**
   * A flat OR of weighted terms: every stem of every alternative in the stemmed fields, weighted
   * like the full query (field boost × alternative weight ÷ words). A flat term disjunction is
   * what Lucene's MaxScore/WAND evaluation skips best; nested best-field disjunctions over a
   * hundred clauses are not.
   */
  private static Query candidates(List<QueryInterpreter.Concept> concepts) {
    Map<Term, Float> terms = new java.util.LinkedHashMap<>();
    for (QueryInterpreter.Concept c : concepts) {
      for (QueryInterpreter.Alt a : c.alts()) {
        List<String> words = SikpAnalysis.tokens(SikpAnalysis.EXACT, a.text());
        for (String w : words) {
          String stem = SikpAnalysis.stem(w);
          for (String f : CANDIDATE_FIELDS) {
            float boost = SikpFields.BOOSTS.get(f) * a.weight() / words.size();
            terms.merge(new Term(f, stem), boost, Math::max);
          }
        }
      }
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    terms.forEach((t, boost) -> b.add(new BoostQuery(new TermQuery(t), boost), BooleanClause.Occur.SHOULD));
    return b.build();
  }

  private static final List<String> CANDIDATE_FIELDS =
      List.of(SikpFields.TITLE, SikpFields.ASK, SikpFields.KEYWORDS, SikpFields.APP, SikpFields.ANSWER);

  private static Query withApp(Query q, String appKey) {
    if (appKey == null || appKey.isEmpty()) {
      return q;
    }
    return new BooleanQuery.Builder()
        .add(q, BooleanClause.Occur.MUST)
        .add(new TermQuery(new Term(SikpFields.APP_KEY, appKey)), BooleanClause.Occur.FILTER)
        .build();
  }

  private Query build(List<QueryInterpreter.Concept> concepts, String appKey, boolean phrases) {
    BooleanQuery.Builder main = new BooleanQuery.Builder();
    int clauses = 0;
    List<String> canonical = new ArrayList<>();
    for (QueryInterpreter.Concept c : concepts) {
      List<Query> alts = new ArrayList<>();
      for (QueryInterpreter.Alt a : c.alts()) {
        Query q = acrossFields(a.text(), phrases);
        if (q != null) {
          alts.add(a.weight() == 1f ? q : new BoostQuery(q, a.weight()));
        }
      }
      if (alts.isEmpty()) {
        continue;
      }
      canonical.add(c.alts().get(0).text());
      main.add(alts.size() == 1 ? alts.get(0) : new DisjunctionMaxQuery(alts, 0f),
          BooleanClause.Occur.SHOULD);
      clauses++;
    }
    if (clauses == 0) {
      return null;
    }
    if (phrases && canonical.size() > 1) {
      String all = String.join(" ", canonical);
      for (String f : List.of(SikpFields.TITLE, SikpFields.ASK)) {
        Query p = stemmed.createPhraseQuery(f, all, 3);
        if (p != null && !(p instanceof TermQuery)) {
          main.add(new BoostQuery(p, PROXIMITY_WEIGHT * SikpFields.BOOSTS.get(f)),
              BooleanClause.Occur.SHOULD);
        }
      }
    }
    return withApp(main.build(), appKey);
  }

  /**
   * One alternative over all fields: the best field plus 0.3 of the others (the word in the title
   * decides, the same word also in question and keywords confirms). A multi-word form ("wajib
   * pajak" for "wp") stands for one concept, so its score is divided by its word count: an
   * expansion must not outweigh the other words of the query just because it is longer.
   */
  private Query acrossFields(String text, boolean phrases) {
    List<String> exactWords = SikpAnalysis.tokens(SikpAnalysis.EXACT, text);
    if (exactWords.isEmpty()) {
      return null;
    }
    List<String> stems = new ArrayList<>(exactWords.size());
    for (String w : exactWords) {
      stems.add(SikpAnalysis.stem(w));
    }
    List<Query> perField = new ArrayList<>();
    for (Map.Entry<String, Float> f : SikpFields.BOOSTS.entrySet()) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      add(b, f.getKey(), stems, f.getValue(), phrases);
      if (SikpFields.WITH_EXACT.contains(f.getKey())) {
        add(b, f.getKey() + SikpFields.EXACT_SUFFIX, exactWords,
            f.getValue() * SikpFields.EXACT_WEIGHT, phrases);
      }
      perField.add(b.build());
    }
    Query all = new DisjunctionMaxQuery(perField, FIELD_TIE);
    return exactWords.size() > 1 ? new BoostQuery(all, 1f / exactWords.size()) : all;
  }

  /** The words as terms (ORed) and, for several words, as a phrase with slop 1. */
  private static void add(BooleanQuery.Builder b, String field, List<String> words, float boost,
      boolean phrases) {
    if (words.size() == 1) {
      b.add(new BoostQuery(new TermQuery(new Term(field, words.get(0))), boost),
          BooleanClause.Occur.SHOULD);
      return;
    }
    BooleanQuery.Builder or = new BooleanQuery.Builder();
    PhraseQuery.Builder phrase = new PhraseQuery.Builder().setSlop(1);
    for (String w : words) {
      or.add(new TermQuery(new Term(field, w)), BooleanClause.Occur.SHOULD);
      phrase.add(new Term(field, w));
    }
    b.add(new BoostQuery(or.build(), boost), BooleanClause.Occur.SHOULD);
    if (phrases) {
      b.add(new BoostQuery(phrase.build(), boost * PHRASE_WEIGHT), BooleanClause.Occur.SHOULD);
    }
  }
}
