package klip.sikp;

import org.apache.lucene.search.ScoreDoc;

/**
 * The {@code n} best of the second phase's scored candidates, kept sorted as they come: a
 * suggestion needs a handful of the 300, and sorting all of them as objects with a chained
 * comparator was about 5% of a suggestion's CPU (JFR at 50,000 articles).
 * Best first means the higher full score, then the higher first-phase score, then the lower doc
 * id: a total order, so the result is the first {@code n} of a full sort.
 */
final class BestScored {
  private final int[] docs;
  private final float[] scores;
  private final float[] firstPhase;
  private int count;

  BestScored(int n) {
    docs = new int[n];
    scores = new float[n];
    firstPhase = new float[n];
  }

  void offer(int doc, float score, float first) {
    int n = docs.length;
    if (n == 0 || (count == n && !before(doc, score, first, n - 1))) {
      return;
    }
    int i = count < n ? count++ : n - 1;
    while (i > 0 && before(doc, score, first, i - 1)) {
      docs[i] = docs[i - 1];
      scores[i] = scores[i - 1];
      firstPhase[i] = firstPhase[i - 1];
      i--;
    }
    docs[i] = doc;
    scores[i] = score;
    firstPhase[i] = first;
  }

  /** Whether the candidate ranks before the one kept at {@code i}. */
  private boolean before(int doc, float score, float first, int i) {
    int c = Double.compare(-score, -scores[i]);
    if (c == 0) {
      c = Double.compare(-first, -firstPhase[i]);
    }
    return c < 0 || (c == 0 && doc < docs[i]);
  }

  ScoreDoc[] best() {
    ScoreDoc[] out = new ScoreDoc[count];
    for (int i = 0; i < count; i++) {
      out[i] = new ScoreDoc(docs[i], scores[i]);
    }
    return out;
  }
}
