package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The second phase reads analysed fields from a doc value instead of the postings; these tests
 * hold it to what Lucene itself computes from the postings on the same index.
 */
class CandidateRankerTest extends SikpTestSupport {
  private static final List<String> STEMMED = ForwardTokens.FIELDS;
  /**
   * The engine's weights without the answer's opening, which is no Lucene field (see {@link
   * AnswerOpeningTest}): the rest of the model is held to Lucene's own scores.
   */
  private static final RankingWeights W = withoutOpening(RankingWeights.DEFAULT);

  static RankingWeights withoutOpening(RankingWeights d) {
    return new RankingWeights(d.title(), d.ask(), d.keywords(), d.app(), d.answer(), d.asked(),
        d.fieldTie(), d.phrase(), d.proximity(), d.exact(), d.coveragePower(), 0f, d.longCoveragePower());
  }

  @Test
  @DisplayName("Every article's encoded tokens are exactly its postings: terms, positions, unstemmed twins")
  void forwardTokensMatchPostings() throws Exception {
    int checked = index.withSearcher(s -> {
      int docs = 0;
      for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
        Map<Integer, List<TreeSet<String>>> fromPostings = new HashMap<>();
        for (int f = 0; f < STEMMED.size(); f++) {
          collect(leaf, STEMMED.get(f), f, fromPostings);
          if (f < 3) {
            collect(leaf, STEMMED.get(f) + SikpFields.EXACT_SUFFIX, STEMMED.size() + f,
                fromPostings);
          }
        }
        BinaryDocValues values = DocValues.getBinary(leaf.reader(), SikpFields.FORWARD);
        for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
          assertThat(values.advanceExact(doc)).isTrue();
          List<TreeSet<String>> decoded = decode(values.binaryValue());
          assertThat(decoded).as("doc %d", doc)
              .isEqualTo(fromPostings.getOrDefault(doc, empty()));
          docs++;
        }
      }
      return docs;
    });
    assertThat(checked).isEqualTo(ARTICLES.size());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"npwp", "efin", "token", "lupa", "spt"})
  @DisplayName("A word scores exactly as Lucene's BM25 best-field query over the same fields")
  void wordScoresLikeLucene(String word) throws Exception {
    assertSameScores(List.of(word), luceneAcrossFields(List.of(word)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"kode billing", "lupa password", "kartu npwp", "spt tahunan"})
  @DisplayName("Several words score as Lucene's terms plus phrase (slop 1), divided by the word count")
  void phraseScoresLikeLucene(String words) throws Exception {
    List<String> ws = List.of(words.split(" "));
    assertSameScores(ws, new BoostQuery(luceneAcrossFields(ws), 1f / ws.size()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"lupa password djp", "cara lapor spt tahunan", "token tidak masuk email"})
  @DisplayName("Several concepts add up, plus the whole query as a sloppy phrase in title and question,"
      + " times the root of the share of concepts matched")
  void conceptsAndProximityScoreLikeLucene(String text) throws Exception {
    List<String> words = List.of(text.split(" "));
    List<QueryInterpreter.Concept> concepts = new ArrayList<>();
    BooleanQuery.Builder lucene = new BooleanQuery.Builder();
    for (String w : words) {
      concepts.add(new QueryInterpreter.Concept(List.of(new QueryInterpreter.Alt(w, 1f))));
      lucene.add(luceneAcrossFields(List.of(w)), BooleanClause.Occur.SHOULD);
    }
    QueryBuilder stemmed = new QueryBuilder(SikpAnalysis.STEMMED);
    for (String f : List.of(SikpFields.TITLE, SikpFields.ASK)) {
      lucene.add(new BoostQuery(stemmed.createPhraseQuery(f, text, CandidateRanker.PROXIMITY_SLOP),
          W.proximity() * W.boost(f)), BooleanClause.Occur.SHOULD);
    }
    assertConceptsScore(concepts, lucene.build());
  }

  private static void assertSameScores(List<String> words, Query lucene) throws Exception {
    assertConceptsScore(List.of(new QueryInterpreter.Concept(
        List.of(new QueryInterpreter.Alt(String.join(" ", words), 1f)))), lucene);
  }

  /** Ranks every article the Lucene query matches; each score must equal Lucene's. */
  private static void assertConceptsScore(List<QueryInterpreter.Concept> concepts, Query lucene)
      throws Exception {
    List<String> words = concepts.stream().map(c -> c.alts().get(0).text()).toList();
    index.withSearcher(s -> {
      TopDocs expected = s.search(lucene, ARTICLES.size());
      assertThat(expected.scoreDocs).as("articles matching %s", words).isNotEmpty();
      CandidateRanker ranker =
          CandidateRanker.of(concepts, Vocabulary.of(s.getIndexReader()).termStats(), W);
      ScoreDoc[] ranked =
          ranker.rank(s.getIndexReader().leaves(), expected.scoreDocs, expected.scoreDocs.length);
      Map<Integer, Float> byDoc = new HashMap<>();
      for (ScoreDoc sd : ranked) {
        byDoc.put(sd.doc, sd.score);
      }
      for (ScoreDoc sd : expected.scoreDocs) {
        int matched = 0;
        for (String w : words) {
          if (s.count(new BooleanQuery.Builder()
              .add(luceneAcrossFields(List.of(w.split(" "))), BooleanClause.Occur.MUST)
              .add(new TermQuery(new Term(SikpFields.ID, s.storedFields().document(sd.doc).get(SikpFields.ID))),
                  BooleanClause.Occur.FILTER).build()) > 0) {
            matched++;
          }
        }
        float score = sd.score * (float) Math.pow((double) matched / words.size(), W.coveragePower());
        assertThat(byDoc.get(sd.doc)).as("doc %d for %s", sd.doc, words)
            .isCloseTo(score, within(1e-4f * Math.max(1f, score)));
      }
      return null;
    });
  }

  /** The model written as Lucene queries: best field (tie 0.3), exact twins at half weight. */
  private static Query luceneAcrossFields(List<String> words) {
    List<Query> perField = new ArrayList<>();
    for (int f = 0; f < STEMMED.size(); f++) {
      String field = STEMMED.get(f);
      float boost = W.boost(field);
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      add(b, field, words.stream().map(SikpAnalysis::stem).toList(), boost);
      if (f < 3) {
        add(b, field + SikpFields.EXACT_SUFFIX, words, boost * W.exact());
      }
      perField.add(b.build());
    }
    return new DisjunctionMaxQuery(perField, W.fieldTie());
  }

  private static void add(BooleanQuery.Builder b, String field, List<String> words, float boost) {
    BooleanQuery.Builder or = new BooleanQuery.Builder();
    PhraseQuery.Builder phrase = new PhraseQuery.Builder().setSlop(CandidateRanker.PHRASE_SLOP);
    for (String w : words) {
      or.add(new TermQuery(new Term(field, w)), BooleanClause.Occur.SHOULD);
      phrase.add(new Term(field, w));
    }
    b.add(new BoostQuery(or.build(), boost), BooleanClause.Occur.SHOULD);
    if (words.size() > 1) {
      b.add(new BoostQuery(phrase.build(), boost * W.phrase()),
          BooleanClause.Occur.SHOULD);
    }
  }

  /** Per doc, per field variant: "position:hash" of every token, read from the postings. */
  private static void collect(LeafReaderContext leaf, String field, int variant,
      Map<Integer, List<TreeSet<String>>> out) throws java.io.IOException {
    Terms terms = leaf.reader().terms(field);
    if (terms == null) {
      return;
    }
    TermsEnum te = terms.iterator();
    BytesRef t;
    while ((t = te.next()) != null) {
      int hash = ForwardTokens.hash(t.utf8ToString());
      PostingsEnum pe = te.postings(null, PostingsEnum.POSITIONS);
      for (int doc = pe.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pe.nextDoc()) {
        List<TreeSet<String>> fields = out.computeIfAbsent(doc, d -> empty());
        for (int i = 0; i < pe.freq(); i++) {
          fields.get(variant).add(pe.nextPosition() + ":" + hash);
        }
      }
    }
  }

  private static List<TreeSet<String>> decode(BytesRef value) {
    List<TreeSet<String>> out = empty();
    ForwardTokens.Reader r = new ForwardTokens.Reader();
    r.reset(value);
    while (r.nextField() >= 0) {
      int f = r.field();
      while (r.nextToken()) {
        out.get(f).add(r.position() + ":" + r.stemHash());
        if (f < 3) {
          out.get(STEMMED.size() + f).add(r.position() + ":" + r.exactHash());
        }
      }
    }
    return out;
  }

  private static List<TreeSet<String>> empty() {
    List<TreeSet<String>> l = new ArrayList<>();
    for (int i = 0; i < STEMMED.size() + 3; i++) {
      l.add(new TreeSet<>());
    }
    return l;
  }
}
