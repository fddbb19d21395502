package klip.sikp;

import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import java.util.List;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.PerFieldSimilarityWrapper;
import org.apache.lucene.search.similarities.Similarity;

/** Field names, how each is analysed and why, and the article → document mapping. */
public final class SikpFields {
  /** Unique key; updateDocument(new Term(ID, id)) replaces an article in place. */
  public static final String ID = "id";
  /** Normalised application key ("efiling", "espt", ...) for the filter; see {@link #appKey}. */
  public static final String APP_KEY = "app_key";

  // Stored only: what a Suggestion shows.
  public static final String STORED_TITLE = "s_title";
  public static final String STORED_APP = "s_app";
  public static final String STORED_ANSWER = "s_answer";
  public static final String STORED_QUESTION = "s_question";

  // Stemmed text fields. "ask" holds the canonical question and its variants: both are the way
  // a taxpayer phrases the problem, which is closest to what the agent types.
  public static final String TITLE = "title";
  public static final String ASK = "ask";
  public static final String KEYWORDS = "keywords";
  public static final String ANSWER = "answer";
  /**
   * The application name as text: agents often name the application ("ereg", "e-spt") and that
   * alone separates the confusable articles (token in e-Filing vs token in e-Registration).
   */
  public static final String APP = "app";
  /**
   * How callers put it: the questions of recent tickets an agent answered from this article (the
   * "Dijawab dari artikel ini" record), one value each, most recent first. A word callers use for
   * this need counts once per ticket that used it, so the more tickets, the stronger.
   */
  public static final String ASKED = "asked";

  /** The analysed short fields as one binary doc value, for the second ranking phase. */
  public static final String FORWARD = "forward";

  /**
   * The kinds of question the article answers ({@link QuestionIntent}, read from its title and
   * question), for the second ranking phase.
   */
  public static final String INTENT = "intent";

  /** Suffix of the unstemmed twin of each text field. */
  public static final String EXACT_SUFFIX = "_x";

  /**
   * Every unstemmed word of the article, document frequency only. It is the vocabulary that
   * prefix completion and spelling correction pick words from; never scored.
   */
  public static final String VOCAB = "vocab";

  /** The stemmed text fields with their query-time boosts (title is the strongest signal). */
  public static final Map<String, Float> BOOSTS =
      Map.of(TITLE, 3.0f, ASK, 2.0f, KEYWORDS, 2.0f, ANSWER, 0.8f, APP, 1.5f, ASKED, 1.5f);
  /** Weight of an exact-form match relative to the stemmed field it shadows. */
  public static final float EXACT_WEIGHT = 0.5f;
  /**
   * Fields that also get an unstemmed twin: the short ones, where the exact surface form is a
   * useful tie-breaker. The long answer and the app name are only indexed stemmed (cheaper).
   */
  public static final java.util.Set<String> WITH_EXACT = java.util.Set.of(TITLE, ASK, KEYWORDS);

  private static final FieldType VOCAB_TYPE = vocabType();

  private SikpFields() {}

  private static FieldType vocabType() {
    FieldType t = new FieldType();
    t.setIndexOptions(IndexOptions.DOCS);
    t.setTokenized(true);
    t.setOmitNorms(true);
    t.freeze();
    return t;
  }

  /** "e-Filing", "E-FILING", "efiling" → "efiling"; "Umum" → "umum"; null/blank → "". */
  public static String appKey(String app) {
    if (app == null) {
      return "";
    }
    return app.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
  }

  public static Analyzer indexAnalyzer() {
    return new PerFieldAnalyzerWrapper(
        SikpAnalysis.STEMMED,
        Map.of(
            TITLE + EXACT_SUFFIX, SikpAnalysis.EXACT,
            ASK + EXACT_SUFFIX, SikpAnalysis.EXACT,
            KEYWORDS + EXACT_SUFFIX, SikpAnalysis.EXACT,
            VOCAB, SikpAnalysis.EXACT,
            ID, new KeywordAnalyzer(),
            APP_KEY, new KeywordAnalyzer()));
  }

  /**
   * BM25's length normalisation per field. Titles, questions and keywords are short and of similar
   * length, so it is softened there (b=0.4); the long answer and the callers' questions keep the
   * usual b=0.75.
   */
  static float lengthNormalisation(String field) {
    return field.equals(ANSWER) || field.equals(ASKED) ? 0.75f : 0.4f;
  }

  /**
   * Whether a word's rarity in this field is judged against every article rather than only those
   * having the field: the callers' questions exist only for articles tickets were answered from,
   * and a caller's word for one need is rare among all articles however few have been learned yet.
   */
  static boolean idfOverAllArticles(String field) {
    return field.equals(ASKED);
  }

  public static Similarity similarity() {
    Similarity shortText = new BM25Similarity(1.2f, lengthNormalisation(TITLE));
    Similarity longText = new BM25Similarity(1.2f, lengthNormalisation(ANSWER));
    Similarity asked = new BM25Similarity(1.2f, lengthNormalisation(ASKED)) {
      @Override
      public Explanation idfExplain(CollectionStatistics collection, TermStatistics term) {
        float idf = (float) Math.log(1 + (collection.maxDoc() - term.docFreq() + 0.5D) / (term.docFreq() + 0.5D));
        return Explanation.match(idf, "idf over all articles");
      }
    };
    return new PerFieldSimilarityWrapper() {
      @Override
      public Similarity get(String name) {
        if (idfOverAllArticles(name)) {
          return asked;
        }
        return lengthNormalisation(name) == lengthNormalisation(ANSWER) ? longText : shortText;
      }
    };
  }

  public static Document toDocument(SikpArticle a) {
    Document d = new Document();
    d.add(new StringField(ID, a.id(), Field.Store.YES));
    d.add(new StringField(APP_KEY, appKey(a.app()), Field.Store.NO));
    d.add(new StoredField(STORED_TITLE, a.title()));
    d.add(new StoredField(STORED_APP, a.app()));
    d.add(new StoredField(STORED_QUESTION, a.question()));
    d.add(new StoredField(STORED_ANSWER, a.answer()));
    addText(d, TITLE, a.title());
    addText(d, ASK, a.question());
    for (String v : a.variants()) {
      addText(d, ASK, v);
    }
    for (String k : a.keywords()) {
      addText(d, KEYWORDS, k);
    }
    addText(d, ANSWER, a.answer());
    addText(d, APP, a.app());
    for (String q : a.asked()) {
      addText(d, ASKED, q);
    }
    d.add(new BinaryDocValuesField(FORWARD, ForwardTokens.encode(List.of(
        List.of(a.title()), concat(List.of(a.question()), a.variants()),
        a.keywords(), List.of(a.app()), List.of(a.answer()), a.asked()))));
    d.add(new NumericDocValuesField(INTENT, QuestionIntent.ofArticle(a.title(), a.question())));
    for (String text : new String[] {a.title(), a.question(), a.answer(), a.app()}) {
      d.add(new Field(VOCAB, text, VOCAB_TYPE));
    }
    for (String v : a.variants()) {
      d.add(new Field(VOCAB, v, VOCAB_TYPE));
    }
    for (String k : a.keywords()) {
      d.add(new Field(VOCAB, k, VOCAB_TYPE));
    }
    for (String q : a.asked()) {
      d.add(new Field(VOCAB, q, VOCAB_TYPE));
    }
    return d;
  }

  private static List<String> concat(List<String> first, List<String> rest) {
    List<String> all = new java.util.ArrayList<>(first.size() + rest.size());
    all.addAll(first);
    all.addAll(rest);
    return all;
  }

  private static void addText(Document d, String field, String text) {
    d.add(new TextField(field, text, Field.Store.NO));
    if (WITH_EXACT.contains(field)) {
      d.add(new TextField(field + EXACT_SUFFIX, text, Field.Store.NO));
    }
  }
}
