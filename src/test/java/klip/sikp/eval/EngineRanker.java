package klip.sikp.eval;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import klip.sikp.CorpusFingerprint;
import klip.sikp.SikpArticle;
import klip.sikp.SikpIndex;
import klip.sikp.SikpSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;

/** The SIKP engine over an in-memory index, for evaluation and benchmarks. */
public final class EngineRanker implements Ranker {
  private final SikpIndex index;
  private final SikpSearcher searcher;

  public EngineRanker(Collection<SikpArticle> articles) throws IOException {
    index = SikpIndex.open(new ByteBuffersDirectory());
    index.awaitVisible(index.rebuild(articles, CorpusFingerprint.of(articles)));
    searcher = new SikpSearcher(index);
  }

  @Override
  public String name() {
    return "engine";
  }

  @Override
  public List<String> rank(String query, int k) {
    return searcher.ids(query, k);
  }

  public SikpIndex index() {
    return index;
  }

  public SikpSearcher searcher() {
    return searcher;
  }

  @Override
  public void close() throws IOException {
    index.close();
  }
}
