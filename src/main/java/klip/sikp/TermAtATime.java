package klip.sikp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermState;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.Bits;

/**
 * Scores the first phase's flat OR of weighted terms one term at a time: each term's postings are read
 * straight through and its BM25 scores added into an array of sums indexed by document, kept per thread
 * and cleared as it is read. The sums are Lucene's: each term's score is computed by the same
 * {@link Similarity.SimScorer} as its TermQuery's and added in a double, as BooleanScorer adds them.
 * BooleanScorer's order of the terms varies from one window of documents to the next; a double holds the
 * sum of a few floats of like size exactly, so the order does not change the float the sum rounds to
 * ({@code TopCandidatesTest}; at 50,000 articles the top five of 1,000 typed prefixes, ids and scores,
 * are the same as with BooleanScorer).
 *
 * <p>Why not BooleanScorer: it allocates its 2,048 buckets for every query and segment (a fifth of a
 * suggestion's garbage at 50,000 articles), and each term weight looked its term up through a terms
 * enumeration of its own and read it through postings of its own; here one enumeration per field and
 * segment and one postings reader per query serve every term.
 */
final class TermAtATime {
  /** A term and its weight (the query's boost). */
  record Weighted(Term term, float boost) {}

  /** Per search thread: the sums of one segment, and which documents have one. */
  private static final ThreadLocal<Sums> SUMS = ThreadLocal.withInitial(Sums::new);

  private TermAtATime() {}

  /**
   * The terms of {@code query} when it is a term or a flat OR of (boosted) terms, as the first phase
   * builds it; null for any other query.
   */
  static List<Weighted> terms(Query query) {
    List<Weighted> out = new ArrayList<>();
    if (query instanceof BooleanQuery b) {
      if (b.getMinimumNumberShouldMatch() > 0) {
        return null;
      }
      for (BooleanClause c : b.clauses()) {
        if (c.getOccur() != BooleanClause.Occur.SHOULD || !add(c.getQuery(), 1f, out)) {
          return null;
        }
      }
      return out;
    }
    return add(query, 1f, out) ? out : null;
  }

  private static boolean add(Query q, float boost, List<Weighted> out) {
    if (q instanceof BoostQuery bq) {
      return add(bq.getQuery(), boost * bq.getBoost(), out);
    }
    if (q instanceof TermQuery tq) {
      out.add(new Weighted(tq.getTerm(), boost));
      return true;
    }
    return false;
  }

  /** Offers every accepted matching document with its summed score, in increasing doc order. */
  static void score(IndexSearcher s, List<Weighted> terms, TopCandidates.Accepted accepted,
      TopCandidates top) throws IOException {
    Map<String, List<Weighted>> byField = new LinkedHashMap<>();
    for (Weighted w : terms) {
      byField.computeIfAbsent(w.term().field(), f -> new ArrayList<>()).add(w);
    }
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    Sums sums = SUMS.get();
    try {
      sum(s, byField, sums);
      for (int l = 0; l < leaves.size(); l++) {
        LeafReaderContext leaf = leaves.get(l);
        sums.drain(l, accepted.of(leaf.reader()), leaf.docBase, top);
      }
    } catch (IOException | RuntimeException e) {
      sums.clear(); // half-summed documents must not leak into this thread's next query
      throw e;
    }
  }

  private static void sum(IndexSearcher s, Map<String, List<Weighted>> byField, Sums sums)
      throws IOException {
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    Similarity similarity = s.getSimilarity();
    PostingsEnum postings = null;
    for (Map.Entry<String, List<Weighted>> e : byField.entrySet()) {
      String field = e.getKey();
      List<Weighted> fieldTerms = e.getValue();
      // The index-wide statistics first (every segment's), as TermQuery's weight computes them.
      TermState[][] states = new TermState[leaves.size()][];
      TermsEnum[] enums = new TermsEnum[leaves.size()];
      long[] docFreq = new long[fieldTerms.size()];
      long[] totalTermFreq = new long[fieldTerms.size()];
      for (int l = 0; l < leaves.size(); l++) {
        Terms t = leaves.get(l).reader().terms(field);
        if (t == null) {
          continue;
        }
        TermsEnum te = t.iterator();
        enums[l] = te;
        states[l] = new TermState[fieldTerms.size()];
        for (int i = 0; i < fieldTerms.size(); i++) {
          if (te.seekExact(fieldTerms.get(i).term().bytes())) {
            states[l][i] = te.termState();
            docFreq[i] += te.docFreq();
            totalTermFreq[i] += te.totalTermFreq();
          }
        }
      }
      CollectionStatistics collection = s.collectionStatistics(field);
      Similarity.SimScorer[] scorers = new Similarity.SimScorer[fieldTerms.size()];
      for (int i = 0; i < fieldTerms.size(); i++) {
        if (docFreq[i] > 0) {
          Weighted w = fieldTerms.get(i);
          scorers[i] = similarity.scorer(w.boost(), collection,
              s.termStatistics(w.term(), (int) docFreq[i], totalTermFreq[i]));
        }
      }
      for (int l = 0; l < leaves.size(); l++) {
        if (enums[l] == null) {
          continue;
        }
        LeafReader reader = leaves.get(l).reader();
        double[] sum = sums.forLeaf(l, reader.maxDoc());
        for (int i = 0; i < fieldTerms.size(); i++) {
          TermState state = states[l][i];
          if (state == null) {
            continue;
          }
          enums[l].seekExact(fieldTerms.get(i).term().bytes(), state);
          postings = enums[l].postings(postings, PostingsEnum.FREQS);
          addScores(postings, reader.getNormValues(field), scorers[i], sum, sums.touched(l));
        }
      }
    }
  }

  private static void addScores(PostingsEnum postings, NumericDocValues norms,
      Similarity.SimScorer scorer, double[] sum, long[] touched) throws IOException {
    for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
      // As LeafSimScorer reads the norm: none for the field is 1, a document without it 0.
      long norm = norms == null ? 1L : norms.advanceExact(d) ? norms.longValue() : 0L;
      sum[d] += scorer.score(postings.freq(), norm);
      touched[d >>> 6] |= 1L << d;
    }
  }

  /** The sums of every segment of the current query, each with the bit set of its documents. */
  private static final class Sums {
    private final List<double[]> sums = new ArrayList<>();
    private final List<long[]> touched = new ArrayList<>();

    double[] forLeaf(int leaf, int maxDoc) {
      while (sums.size() <= leaf) {
        sums.add(new double[0]);
        touched.add(new long[0]);
      }
      if (sums.get(leaf).length < maxDoc) {
        sums.set(leaf, new double[maxDoc]);
        touched.set(leaf, new long[(maxDoc + 63) >>> 6]);
      }
      return sums.get(leaf);
    }

    void clear() {
      for (int l = 0; l < sums.size(); l++) {
        Arrays.fill(sums.get(l), 0);
        Arrays.fill(touched.get(l), 0);
      }
    }

    long[] touched(int leaf) {
      return touched.get(leaf);
    }

    /** Offers the summed documents of a segment in doc order and clears them for the next query. */
    void drain(int leaf, Bits accepted, int docBase, TopCandidates top) {
      if (leaf >= sums.size()) {
        return;
      }
      double[] sum = sums.get(leaf);
      long[] bits = touched.get(leaf);
      for (int w = 0; w < bits.length; w++) {
        long word = bits[w];
        if (word == 0) {
          continue;
        }
        bits[w] = 0;
        while (word != 0) {
          int d = (w << 6) + Long.numberOfTrailingZeros(word);
          word &= word - 1;
          if (accepted == null || accepted.get(d)) {
            top.offer(docBase + d, (float) sum[d]);
          }
          sum[d] = 0;
        }
      }
    }
  }
}
