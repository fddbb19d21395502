package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopCandidatesTest {
  @TempDir Path dir;

  @Test
  @DisplayName("The first phase's collector keeps what Lucene's top-score collector keeps, ties to the lower id")
  void sameAsLucenesTopScoreCollector() throws Exception {
    BooleanQuery.Builder words = new BooleanQuery.Builder();
    for (String stem : List.of("lupa", "password", "spt", "daftar", "token")) {
      words.add(new TermQuery(new Term(SikpFields.ASK, stem)), BooleanClause.Occur.SHOULD);
    }
    // every e-Filing article holds the application name once, in a field of the same length: all tie
    Query ties = new TermQuery(new Term(SikpFields.APP, SikpAnalysis.stem("efiling")));
    try (SikpIndex index = SikpTestSupport.openBundled(dir)) {
      index.withSearcher(s -> {
        assertThat(s.count(ties)).as("e-Filing articles, all tied").isGreaterThan(40);
        for (Query q : List.of(words.build(), ties)) {
          for (int window : new int[] {1, 5, 40, 1000}) {
            ScoreDoc[] expected = s.search(q, window).scoreDocs;
            ScoreDoc[] got = TopCandidates.search(s, q, window, leaf -> null);
            assertThat(got).as("%s, window %d", q, window).hasSameSizeAs(expected);
            for (int i = 0; i < got.length; i++) {
              assertThat(got[i].doc).as("%s, window %d, rank %d", q, window, i).isEqualTo(expected[i].doc);
              assertThat(got[i].score).isEqualTo(expected[i].score);
            }
          }
        }
        return null;
      });
    }
  }
}
