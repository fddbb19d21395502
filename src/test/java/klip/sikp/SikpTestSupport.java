package klip.sikp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A searchable index over the bundled articles in a temporary directory. */
final class SikpTestSupport {
  private SikpTestSupport() {}

  static final List<SikpArticle> ARTICLES = ArticleJsonl.readBundled().articles();

  static SikpIndex openBundled(Path dir) throws IOException {
    SikpIndex index = SikpIndex.open(dir);
    index.awaitVisible(index.rebuild(ARTICLES, CorpusFingerprint.of(ARTICLES)));
    return index;
  }
}
