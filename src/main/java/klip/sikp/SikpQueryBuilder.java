package klip.sikp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Builds the first-phase Lucene query from interpreted concepts, programmatically: nothing the
 * agent types is ever parsed as query syntax, so {@code "(+-:*?~[]{}^\/&&||} are plain characters.
 *
 * <p>A flat OR of weighted terms over the short fields (and the callers' questions) the full model ({@link CandidateRanker})
 * scores, each weighted as there: field boost × alternative weight ÷ words. Two things keep it
 * cheap, since every posting of every term is read:
 * <ul>
 *   <li>a multi-word alternative ("nomor pokok wajib pajak" for "npwp") contributes only its
 *       rarest word: an article worded that way holds it too, and the common words of the
 *       expansion (nomor, wajib, pajak) would otherwise bring in most of the index;
 *   <li>the long answer is searched only for words no title, question or keyword contains, so a
 *       word found only in answers still finds its articles;
 *   <li>on a large index, words most articles contain are left out (see {@link #COMMON_SHARE}).
 * </ul>
 */
final class SikpQueryBuilder {
  /**
   * A word in more than this share of a field's articles is left to the second phase when the
   * index is larger than the candidate window: it cannot tell candidates apart (its idf is below
   * 0.9 where a telling word's is 3 to 5) but its postings are most of what the first phase
   * would read. Measured at 50,000 articles (bench/SIKP.md): suggestion p99 3.1 → 2.4 ms, while
   * the top suggestion still equals an exhaustive ranking's for 946 of 1,000 typed queries
   * (952 without the cut). Lowered from 0.3 to 0.2 on the disjoint validation prefixes: CPU of
   * both phases p50 1.26 → 1.16 ms, p99 2.81 → 2.57 ms; same top suggestion as the exhaustive
   * ranking 958 → 947 of 1,000, same top five 804 → 774 (0.15: 937 / 753, 0.1: 898 / 681).
   */
  static final double COMMON_SHARE = 0.2;

  private static final List<String> SHORT_FIELDS =
      List.of(SikpFields.TITLE, SikpFields.ASK, SikpFields.KEYWORDS, SikpFields.APP, SikpFields.ASKED);

  private final RankingWeights weights;

  SikpQueryBuilder(RankingWeights weights) {
    this.weights = weights;
  }

  /** Null when nothing searchable remains (empty input, only stop words or unknown symbols). */
  Query candidates(List<QueryInterpreter.Concept> concepts, TermStats stats, int window) {
    Map<Term, Float> terms = new LinkedHashMap<>();
    Map<Term, Float> common = new LinkedHashMap<>();
    for (QueryInterpreter.Concept c : concepts) {
      for (QueryInterpreter.Alt a : c.alts()) {
        List<String> words = SikpAnalysis.exactWords(a.text());
        if (words.isEmpty()) {
          continue;
        }
        String stem = words.size() == 1 ? SikpAnalysis.stem(words.get(0)) : rarestStem(words, stats);
        float weight = a.weight() / words.size();
        boolean inShortFields = false;
        for (String f : SHORT_FIELDS) {
          TermStats.Field field = stats.field(f);
          int df = field.docFreq(stem);
          if (df > 0) {
            inShortFields = true;
            boolean isCommon = field.docCount() > window && df > COMMON_SHARE * field.docCount();
            (isCommon ? common : terms)
                .merge(new Term(f, stem), weights.boost(f) * weight, Math::max);
          }
        }
        if (!inShortFields) {
          terms.merge(new Term(SikpFields.ANSWER, stem),
              weights.boost(SikpFields.ANSWER) * weight, Math::max);
        }
      }
    }
    if (terms.isEmpty()) {
      terms = common; // nothing but common words: then they pick the candidates
    }
    if (terms.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    terms.forEach((t, boost) ->
        b.add(new BoostQuery(new TermQuery(t), boost), BooleanClause.Occur.SHOULD));
    return b.build();
  }

  /** The stem of the word fewest questions contain (the most telling one). */
  private static String rarestStem(List<String> words, TermStats stats) {
    String best = null;
    int bestFreq = Integer.MAX_VALUE;
    for (String w : words) {
      String stem = SikpAnalysis.stem(w);
      int df = stats.field(SikpFields.ASK).docFreq(stem);
      if (df < bestFreq) {
        bestFreq = df;
        best = stem;
      }
    }
    return best;
  }

}
