package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ArticleJsonlTest {

  @Test
  void reportsBadLinesWithNumbersAndKeepsGoodOnes() throws Exception {
    String jsonl = """
        {"id": "A-1", "app": "e-Filing", "title": "Satu", "question": "q", "variants": ["v"], "answer": "jawab", "keywords": ["k"]}
        {"id": "A-2", "title": "broken"
        
        {"id": "A-3", "app": "Umum", "answer": "tanpa judul"}
        {"id": "A-1", "title": "dupe", "answer": "x"}
        {"id": "A-4", "app": "e-SPT", "title": "Empat", "answer": "jawab", "version": 3, "status": "draft"}
        """;
    ArticleJsonl.Result r = ArticleJsonl.read(new StringReader(jsonl));
    assertThat(r.articles()).extracting(SikpArticle::id).containsExactly("A-1", "A-4");
    assertThat(r.errors()).extracting(ArticleJsonl.LineError::line).containsExactly(2, 4, 5);
    assertThat(r.errors().get(1).message()).contains("title");
    assertThat(r.articles().get(1).version()).isEqualTo(3);
    assertThat(r.articles().get(1).isPublished()).isFalse();
  }

  @Test
  void bundledArticlesAreClean() {
    ArticleJsonl.Result r = ArticleJsonl.readBundled();
    assertThat(r.errors()).isEmpty();
    assertThat(r.articles()).hasSize(179);
  }
}
