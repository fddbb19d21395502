package klip.sikp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A searchable index over the bundled articles in a temporary directory, shared by a class. */
abstract class SikpTestSupport {
  static final List<SikpArticle> ARTICLES = ArticleJsonl.readBundled().articles();

  @TempDir static Path sharedDir;
  static SikpIndex index;
  static SikpSearcher searcher;

  @BeforeAll
  static void openShared() throws Exception {
    index = openBundled(sharedDir);
    searcher = new SikpSearcher(index);
  }

  @AfterAll
  static void closeShared() throws Exception {
    index.close();
  }

  static SikpIndex openBundled(Path dir) throws IOException {
    SikpIndex index = SikpIndex.open(dir);
    index.awaitVisible(index.rebuild(ARTICLES, CorpusFingerprint.of(ARTICLES)));
    return index;
  }
}
