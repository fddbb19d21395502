package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopCandidatesTest {
  @TempDir Path dir;

  @Test
  @DisplayName("The first phase keeps what Lucene's top-score search keeps, same scores, ties to the lower id;"
      + " also after an edit (two segments, a deletion) and within one application")
  void sameAsLucenesTopScoreCollector() throws Exception {
    BooleanQuery.Builder words = new BooleanQuery.Builder();
    for (String stem : List.of("lupa", "password", "spt", "daftar", "token")) {
      words.add(new TermQuery(new Term(SikpFields.ASK, stem)), BooleanClause.Occur.SHOULD);
    }
    // every e-Filing article holds the application name once, in a field of the same length: all tie
    Query ties = new TermQuery(new Term(SikpFields.APP, SikpAnalysis.stem("efiling")));
    BooleanQuery.Builder weighted = new BooleanQuery.Builder();
    weighted.add(new BoostQuery(new TermQuery(new Term(SikpFields.TITLE, "lupa")), 2.5f), BooleanClause.Occur.SHOULD);
    weighted.add(new BoostQuery(new TermQuery(new Term(SikpFields.ASK, "password")), 0.7f), BooleanClause.Occur.SHOULD);
    weighted.add(new TermQuery(new Term(SikpFields.ANSWER, "efin")), BooleanClause.Occur.SHOULD);
    weighted.add(new TermQuery(new Term(SikpFields.ASK, "nosuchword")), BooleanClause.Occur.SHOULD);
    List<Query> queries = List.of(words.build(), ties, weighted.build());
    try (SikpIndex index = SikpTestSupport.openBundled(dir)) {
      index.withSearcher(s -> {
        assertThat(s.count(ties)).as("e-Filing articles, all tied").isGreaterThan(40);
        assertSameAsLucene(s, queries);
        return null;
      });
      // An edit: a second segment, and the edited article's old copy deleted in the first.
      SikpArticle edited = SikpTestSupport.ARTICLES.get(0);
      index.awaitVisible(index.upsert(edited.withAsked(List.of("lupa password efin"))));
      index.withSearcher(s -> {
        assertThat(s.getIndexReader().leaves()).as("segments after an edit").hasSizeGreaterThan(1);
        assertSameAsLucene(s, queries);
        return null;
      });
    }
  }

  /** Every query and window: the same documents with the same scores, also within one application. */
  private static void assertSameAsLucene(IndexSearcher s, List<Query> queries) throws IOException {
    String app = SikpFields.appKey("e-Filing");
    Query inApp = new TermQuery(new Term(SikpFields.APP_KEY, app));
    for (Query q : queries) {
      for (int window : new int[] {1, 5, 40, 1000}) {
        assertSame(q + ", window " + window, s.search(q, window).scoreDocs,
            TopCandidates.search(s, q, window, leaf -> leaf.getLiveDocs()));
        Query filtered = new BooleanQuery.Builder().add(q, BooleanClause.Occur.MUST)
            .add(inApp, BooleanClause.Occur.FILTER).build();
        assertSame(q + " in e-Filing, window " + window, s.search(filtered, window).scoreDocs,
            TopCandidates.search(s, q, window, leaf -> ApplicationFilter.accepted(leaf, app)));
      }
    }
  }

  private static void assertSame(String what, ScoreDoc[] expected, ScoreDoc[] got) {
    assertThat(got).as(what).hasSameSizeAs(expected);
    for (int i = 0; i < got.length; i++) {
      assertThat(got[i].doc).as("%s, rank %d", what, i).isEqualTo(expected[i].doc);
      assertThat(got[i].score).as("%s, rank %d", what, i).isEqualTo(expected[i].score);
    }
  }
}
