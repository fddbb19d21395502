package klip.sikp.eval;

import java.util.List;

/**
 * Rank-aware metrics against graded judgements (the first relevant id is the best answer).
 *
 * <ul>
 *   <li>MRR@5: reciprocal rank of the first relevant id within the top 5;
 *   <li>nDCG@5: gain 3 for the first id, 1 for the other listed ids, log2 discount;
 *   <li>recall@k: listed ids in the top k divided by min(k, number listed), so a perfect ranking
 *       scores 1 at every k.
 * </ul>
 */
public final class RankingMetrics {
  public static final int K = 5;

  /** Sums that can be averaged. */
  public static final class Sum {
    double mrr;
    double ndcg;
    double r1;
    double r5;
    int n;

    public void add(List<String> ranked, List<String> relevant) {
      mrr += RankingMetrics.mrr(ranked, relevant);
      ndcg += RankingMetrics.ndcg(ranked, relevant);
      r1 += recall(ranked, relevant, 1);
      r5 += recall(ranked, relevant, K);
      n++;
    }

    public double mrr() {
      return n == 0 ? 0 : mrr / n;
    }

    public double ndcg() {
      return n == 0 ? 0 : ndcg / n;
    }

    public double recall1() {
      return n == 0 ? 0 : r1 / n;
    }

    public double recall5() {
      return n == 0 ? 0 : r5 / n;
    }

    public int count() {
      return n;
    }
  }

  private RankingMetrics() {}

  public static double mrr(List<String> ranked, List<String> relevant) {
    String best = relevant.get(0);
    for (int i = 0; i < Math.min(K, ranked.size()); i++) {
      if (ranked.get(i).equals(best)) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  static double gain(String id, List<String> relevant) {
    int pos = relevant.indexOf(id);
    return pos < 0 ? 0 : pos == 0 ? 3 : 1;
  }

  public static double ndcg(List<String> ranked, List<String> relevant) {
    double dcg = 0;
    for (int i = 0; i < Math.min(K, ranked.size()); i++) {
      dcg += gain(ranked.get(i), relevant) / log2(i + 2);
    }
    double ideal = 0;
    for (int i = 0; i < Math.min(K, relevant.size()); i++) {
      ideal += gain(relevant.get(i), relevant) / log2(i + 2);
    }
    return ideal == 0 ? 0 : dcg / ideal;
  }

  public static double recall(List<String> ranked, List<String> relevant, int k) {
    int found = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      if (relevant.contains(ranked.get(i))) {
        found++;
      }
    }
    return (double) found / Math.min(k, relevant.size());
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
