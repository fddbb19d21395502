package klip.sikp.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import klip.sikp.SikpArticle;

/**
 * A larger corpus for benchmarks, made by recombining the shipped articles: the originals plus
 * synthetic ones whose title, question, variants, answer halves and keywords come from different
 * articles. Deterministic for a given seed.
 */
public final class CorpusGenerator {
  private CorpusGenerator() {}

  public static List<SikpArticle> generate(List<SikpArticle> base, int size, long seed) {
    List<SikpArticle> out = new ArrayList<>(Math.max(size, base.size()));
    out.addAll(base.subList(0, Math.min(size, base.size())));
    Random rnd = new Random(seed);
    for (int i = out.size(); i < size; i++) {
      SikpArticle a = base.get(rnd.nextInt(base.size()));
      SikpArticle b = base.get(rnd.nextInt(base.size()));
      SikpArticle c = base.get(rnd.nextInt(base.size()));
      List<String> variants = new ArrayList<>();
      variants.addAll(a.variants().subList(0, Math.min(1, a.variants().size())));
      variants.addAll(c.variants().subList(Math.min(1, c.variants().size()), c.variants().size()));
      LinkedHashSet<String> keywords = new LinkedHashSet<>(b.keywords());
      keywords.addAll(c.keywords().subList(0, Math.min(2, c.keywords().size())));
      out.add(new SikpArticle(String.format("SIKP-GEN-%06d", i), a.app(),
          a.title() + " (" + b.title() + ")", b.question(), variants,
          firstHalf(a.answer()) + "\n" + secondHalf(c.answer()), List.copyOf(keywords), 1,
          SikpArticle.PUBLISHED));
    }
    return out;
  }

  private static String firstHalf(String s) {
    int cut = s.indexOf('\n', s.length() / 2);
    return cut < 0 ? s : s.substring(0, cut);
  }

  private static String secondHalf(String s) {
    int cut = s.indexOf('\n', s.length() / 2);
    return cut < 0 ? s : s.substring(cut + 1);
  }
}
