package klip.sikp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
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
  private final QueryBuilder exact = new QueryBuilder(SikpAnalysis.EXACT);

  /** Null when nothing searchable remains (empty input, only stop words or unknown symbols). */
  Query build(List<QueryInterpreter.Concept> concepts, String appKey) {
    BooleanQuery.Builder main = new BooleanQuery.Builder();
    int clauses = 0;
    List<String> canonical = new ArrayList<>();
    for (QueryInterpreter.Concept c : concepts) {
      List<Query> alts = new ArrayList<>();
      for (QueryInterpreter.Alt a : c.alts()) {
        Query q = acrossFields(a.text());
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
    if (canonical.size() > 1) {
      String all = String.join(" ", canonical);
      for (String f : List.of(SikpFields.TITLE, SikpFields.ASK)) {
        Query p = stemmed.createPhraseQuery(f, all, 3);
        if (p != null && !(p instanceof TermQuery)) {
          main.add(new BoostQuery(p, PROXIMITY_WEIGHT * SikpFields.BOOSTS.get(f)),
              BooleanClause.Occur.SHOULD);
        }
      }
    }
    Query q = main.build();
    if (appKey != null && !appKey.isEmpty()) {
      q = new BooleanQuery.Builder()
          .add(q, BooleanClause.Occur.MUST)
          .add(new TermQuery(new org.apache.lucene.index.Term(SikpFields.APP_KEY, appKey)),
              BooleanClause.Occur.FILTER)
          .build();
    }
    return q;
  }

  /**
   * One alternative over all fields: the best field plus 0.3 of the others (the word in the title
   * decides, the same word also in question and keywords confirms). A multi-word form ("wajib
   * pajak" for "wp") stands for one concept, so its score is divided by its word count: an
   * expansion must not outweigh the other words of the query just because it is longer.
   */
  private Query acrossFields(String text) {
    int words = SikpAnalysis.tokens(SikpAnalysis.EXACT, text).size();
    List<Query> perField = new ArrayList<>();
    for (Map.Entry<String, Float> f : SikpFields.BOOSTS.entrySet()) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      int n = add(b, stemmed, f.getKey(), text, f.getValue());
      n += add(b, exact, f.getKey() + SikpFields.EXACT_SUFFIX, text,
          f.getValue() * SikpFields.EXACT_WEIGHT);
      if (n > 0) {
        perField.add(b.build());
      }
    }
    if (perField.isEmpty()) {
      return null;
    }
    Query all = new DisjunctionMaxQuery(perField, FIELD_TIE);
    return words > 1 ? new BoostQuery(all, 1f / words) : all;
  }

  private static int add(BooleanQuery.Builder b, QueryBuilder qb, String field, String text,
      float boost) {
    Query words = qb.createBooleanQuery(field, text, BooleanClause.Occur.SHOULD);
    if (words == null) {
      return 0;
    }
    b.add(new BoostQuery(words, boost), BooleanClause.Occur.SHOULD);
    if (!(words instanceof TermQuery)) {
      Query phrase = qb.createPhraseQuery(field, text, 1);
      if (phrase != null) {
        b.add(new BoostQuery(phrase, boost * PHRASE_WEIGHT), BooleanClause.Occur.SHOULD);
      }
    }
    return 1;
  }
}
