package klip.sikp;

import java.io.IOException;
import java.util.Arrays;
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
  /** A min-heap (1-based) on (score, then higher doc id first): the root is the one to evict. */
  private final float[] scores;
  private final int[] docs;
  private int count;

  /** Which documents of a leaf may be collected (null: all). */
  interface Accepted {
    Bits of(LeafReader leaf) throws IOException;
  }

  /**
   * The best {@code size} documents of {@code query}, scored exhaustively (every match, no
   * dynamic pruning), best first.
   */
  static ScoreDoc[] search(IndexSearcher s, Query query, int size, Accepted accepted)
      throws IOException {
    Weight weight = s.createWeight(s.rewrite(query), ScoreMode.COMPLETE, 1f);
    TopCandidates top = new TopCandidates(size);
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
    this.scores = new float[size + 1];
    this.docs = new int[size + 1];
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

  private void offer(int doc, float score) {
    if (count < size) {
      count++;
      scores[count] = score;
      docs[count] = doc;
      up(count);
    } else if (score > scores[1]) { // a later doc with an equal score never displaces an earlier one
      scores[1] = score;
      docs[1] = doc;
      down(1);
    }
  }

  /** The collected documents, best first. */
  ScoreDoc[] best() {
    // Sorted as longs (score descending in the high half, doc ascending in the low), not as objects
    // with a comparator; floatToSortableInt orders floats as Float.compare does, ~ reverses it.
    long[] packed = new long[count];
    for (int i = 0; i < count; i++) {
      packed[i] = ((long) ~NumericUtils.floatToSortableInt(scores[i + 1]) << 32) | docs[i + 1];
    }
    Arrays.sort(packed);
    ScoreDoc[] out = new ScoreDoc[count];
    for (int i = 0; i < count; i++) {
      int doc = (int) packed[i];
      out[i] = new ScoreDoc(doc, NumericUtils.sortableIntToFloat(~(int) (packed[i] >> 32)));
    }
    return out;
  }

  private boolean less(int i, int j) {
    return scores[i] < scores[j] || (scores[i] == scores[j] && docs[i] > docs[j]);
  }

  private void up(int i) {
    while (i > 1 && less(i, i >> 1)) {
      swap(i, i >> 1);
      i >>= 1;
    }
  }

  private void down(int i) {
    while (true) {
      int smallest = i;
      int l = i << 1;
      if (l <= count && less(l, smallest)) {
        smallest = l;
      }
      if (l + 1 <= count && less(l + 1, smallest)) {
        smallest = l + 1;
      }
      if (smallest == i) {
        return;
      }
      swap(i, smallest);
      i = smallest;
    }
  }

  private void swap(int i, int j) {
    float s = scores[i];
    scores[i] = scores[j];
    scores[j] = s;
    int d = docs[i];
    docs[i] = docs[j];
    docs[j] = d;
  }
}
