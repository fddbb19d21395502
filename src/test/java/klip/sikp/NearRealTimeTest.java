package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NearRealTimeTest {
  @TempDir Path dir;

  private static SikpArticle article(String id, String title) {
    return SikpArticle.published(id, "Coretax", title, "Bagaimana " + title.toLowerCase() + "?",
        List.of(), "Jawaban tentang " + title + ".", List.of("coretax"));
  }

  /** Each change is awaited by its generation: the searcher sees it once the reopen that carries it is done. */
  @Test
  void publishedEditedAndDeletedArticlesShowOnceTheirGenerationIsVisible() throws Exception {
    try (SikpIndex index = SikpTestSupport.openBundled(dir)) {
      SikpSearcher s = new SikpSearcher(index);
      assertThat(s.suggest("zamrudkatulistiwa", null, 5)).isEmpty();

      index.awaitVisible(index.upsert(article("SIKP-CTX-0001", "Aktivasi zamrudkatulistiwa di Coretax")));
      assertThat(ids(s, "zamrudkatulistiwa")).contains("SIKP-CTX-0001");
      assertThat(s.suggest("zamrud", "Coretax", 5)).extracting(Suggestion::id)
          .containsExactly("SIKP-CTX-0001");

      index.awaitVisible(index.upsert(article("SIKP-CTX-0001", "Reset safirnusantara di Coretax")));
      assertThat(ids(s, "safirnusantara")).contains("SIKP-CTX-0001");
      assertThat(ids(s, "zamrudkatulistiwa")).isEmpty();

      index.awaitVisible(index.delete("SIKP-CTX-0001"));
      assertThat(ids(s, "safirnusantara")).isEmpty();
      assertThat(index.numDocs()).isEqualTo(SikpTestSupport.ARTICLES.size());
    }
  }

  @Test
  void draftsAreNotSearchable() throws Exception {
    try (SikpIndex index = SikpTestSupport.openBundled(dir)) {
      SikpSearcher s = new SikpSearcher(index);
      SikpArticle a = article("SIKP-CTX-0002", "Kuarsaungu di Coretax");
      index.awaitVisible(index.upsert(a));
      assertThat(ids(s, "kuarsaungu")).containsExactly("SIKP-CTX-0002");
      index.awaitVisible(index.upsert(new SikpArticle(a.id(), a.app(), a.title(), a.question(),
          a.variants(), a.answer(), a.keywords(), 2, "draft")));
      assertThat(ids(s, "kuarsaungu")).isEmpty();
    }
  }

  @Test
  void indexOnDiskIsReusedOnlyForTheSameCorpus() throws Exception {
    String fp = CorpusFingerprint.of(SikpTestSupport.ARTICLES);
    try (SikpIndex index = SikpTestSupport.openBundled(dir)) {
      assertThat(index.isCurrent(fp)).isTrue();
    }
    try (SikpIndex index = SikpIndex.open(dir)) {
      assertThat(index.isCurrent(fp)).isTrue();
      assertThat(index.isCurrent("other")).isFalse();
      assertThat(index.ensureCurrent(SikpTestSupport.ARTICLES)).isFalse();
      assertThat(index.numDocs()).isEqualTo(SikpTestSupport.ARTICLES.size());
      index.upsert(article("SIKP-CTX-0003", "Baru"));
      assertThat(index.isCurrent(fp)).isFalse(); // edited since: rebuild on next start
    }
    try (SikpIndex index = SikpIndex.open(dir)) {
      assertThat(index.ensureCurrent(SikpTestSupport.ARTICLES)).isTrue();
      assertThat(index.numDocs()).isEqualTo(SikpTestSupport.ARTICLES.size());
      assertThat(index.isCurrent(fp)).isTrue();
    }
  }

  @Test
  void emptyDirectoryIsNotCurrent() throws Exception {
    try (SikpIndex index = SikpIndex.open(dir.resolve("fresh"))) {
      assertThat(index.isCurrent(CorpusFingerprint.of(SikpTestSupport.ARTICLES))).isFalse();
      assertThat(new SikpSearcher(index).suggest("efin", null, 5)).isEmpty();
    }
  }

  private static List<String> ids(SikpSearcher s, String q) {
    return s.ids(q, 5);
  }
}
