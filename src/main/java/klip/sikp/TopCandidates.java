package klip.sikp;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.NumericUtils;

/**
 * The first phase's best {@code size} documents: the same as Lucene's TopScoreDocCollector with
 * total-hit counting off (the higher score first, on a tie the lower doc id; documents arrive in
 * increasing doc order per leaf), kept in primitive arrays. The first phase collects most of the
 * index for a query of common words (40,000 of 50,000 articles), and the general collector's hit
 * counting, threshold checks and object heap were a third of that phase's time.
 */
final class TopCandidates {
  private final int size;
  /**
   * A min-heap (1-based) of {@link #key}s: the root is the one to evict. One long per document, so
   * a level of the heap costs one comparison instead of a float, an int and a swap of each: the
   * comparisons are unpredictable branches, and the heap was a tenth of a suggestion's time.
   */
  private final long[] heap;
  private int count;
  /** The root's score once the heap is full: a document scoring no more is not kept. */
  private float weakest = Float.NEGATIVE_INFINITY;

  /** Which documents of a leaf may be collected (null: all). */
  interface Accepted {
    Bits of(LeafReader leaf) throws IOException;
  }

  /**
   * The best {@code size} documents of {@code query}, scored exhaustively (every match, no
   * dynamic pruning), best first. The first phase's flat OR of terms is scored {@link TermAtATime}
   * (at 50,000 articles a suggestion's CPU mean 1.10 → 0.82 ms, its garbage 491 → 235 KB); any
   * other query by Lucene's bulk scorer.
   */
  static ScoreDoc[] search(IndexSearcher s, Query query, int size, Accepted accepted)
      throws IOException {
    TopCandidates top = new TopCandidates(size);
    List<TermAtATime.Weighted> terms = TermAtATime.terms(query);
    if (terms != null) {
      TermAtATime.score(s, terms, accepted, top);
      return top.best();
    }
    Weight weight = s.createWeight(s.rewrite(query), ScoreMode.COMPLETE, 1f);
    for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
      BulkScorer scorer = weight.bulkScorer(leaf);
      if (scorer != null) {
        LeafCollector collector = top.leaf(leaf.docBase);
        scorer.score(collector, accepted.of(leaf.reader()));
        collector.finish();
      }
    }
    return top.best();
  }

  TopCandidates(int size) {
    this.size = size;
    this.heap = new long[size + 1];
  }

  /**
   * Orders as the kept documents rank, worst lowest: the score (as a sortable int: Float.compare's
   * order) in the high half, the doc id inverted in the low half (on a tie the higher id is worse).
   */
  private static long key(float score, int doc) {
    return ((long) NumericUtils.floatToSortableInt(score) << 32) | (~doc & 0xFFFFFFFFL);
  }

  private static float score(long key) {
    return NumericUtils.sortableIntToFloat((int) (key >> 32));
  }

  private static int doc(long key) {
    return ~(int) key;
  }

  /** A collector for one leaf, adding {@code docBase} to its doc ids. */
  LeafCollector leaf(int docBase) {
    return new LeafCollector() {
      private Scorable scorer;

      @Override
      public void setScorer(Scorable scorer) {
        this.scorer = scorer;
      }

      @Override
      public void collect(int doc) throws IOException {
        offer(docBase + doc, scorer.score());
      }
    };
  }

  /** Documents must come in increasing doc order (on a tie the earlier one stays). */
  void offer(int doc, float score) {
    if (count < size) {
      heap[++count] = key(score, doc);
      up(count);
      if (count == size) {
        weakest = score(heap[1]);
      }
    } else if (score > weakest) { // a later doc with an equal score never displaces an earlier one
      heap[1] = key(score, doc);
      down();
      weakest = score(heap[1]);
    }
  }

  /** The collected documents, best first. */
  ScoreDoc[] best() {
    long[] sorted = Arrays.copyOfRange(heap, 1, count + 1);
    Arrays.sort(sorted);
    ScoreDoc[] out = new ScoreDoc[count];
    for (int i = 0; i < count; i++) {
      long k = sorted[count - 1 - i];
      out[i] = new ScoreDoc(doc(k), score(k));
    }
    return out;
  }

  private void up(int i) {
    long x = heap[i];
    while (i > 1 && x < heap[i >> 1]) {
      heap[i] = heap[i >> 1];
      i >>= 1;
    }
    heap[i] = x;
  }

  /** Sifts the root down, moving the hole rather than swapping. */
  private void down() {
    long x = heap[1];
    int i = 1;
    int half = count >> 1;
    while (i <= half) {
      int c = i << 1;
      long child = heap[c];
      if (c < count && heap[c + 1] < child) {
        child = heap[++c];
      }
      if (x <= child) {
        break;
      }
      heap[i] = child;
      i = c;
    }
    heap[i] = x;
  }
}
