package klip.sikp.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import klip.sikp.SikpAnalysis;
import klip.sikp.SikpArticle;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Baseline 2: plain Lucene BM25 the way a default Elasticsearch set-up would do it. Standard
 * analyzer, one field per article part, a multi_match of type best_fields (dis_max over fields),
 * each word ORed with fuzziness AUTO, the last word also as a prefix (bool_prefix).
 */
public final class Bm25Baseline implements Ranker {
  private static final String[] FIELDS = {"title", "question", "variants", "keywords", "answer"};
  private final Analyzer analyzer = new StandardAnalyzer();
  private final ByteBuffersDirectory dir = new ByteBuffersDirectory();
  private final DirectoryReader reader;
  private final IndexSearcher searcher;

  public Bm25Baseline(Collection<SikpArticle> articles) throws IOException {
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
      for (SikpArticle a : articles) {
        Document d = new Document();
        d.add(new StringField("id", a.id(), Field.Store.YES));
        d.add(new TextField("title", a.title(), Field.Store.NO));
        d.add(new TextField("question", a.question(), Field.Store.NO));
        for (String v : a.variants()) {
          d.add(new TextField("variants", v, Field.Store.NO));
        }
        for (String k : a.keywords()) {
          d.add(new TextField("keywords", k, Field.Store.NO));
        }
        d.add(new TextField("answer", a.answer(), Field.Store.NO));
        w.addDocument(d);
      }
    }
    reader = DirectoryReader.open(dir);
    searcher = new IndexSearcher(reader);
  }

  @Override
  public String name() {
    return "bm25";
  }

  @Override
  public List<String> rank(String query, int k) {
    List<String> words = SikpAnalysis.tokens(analyzer, query == null ? "" : query);
    if (words.isEmpty()) {
      return List.of();
    }
    List<Query> perField = new ArrayList<>();
    for (String f : FIELDS) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (int i = 0; i < words.size(); i++) {
        Term t = new Term(f, words.get(i));
        b.add(fuzzy(t), BooleanClause.Occur.SHOULD);
        if (i == words.size() - 1) {
          b.add(new PrefixQuery(t), BooleanClause.Occur.SHOULD);
        }
      }
      perField.add(b.build());
    }
    try {
      List<String> out = new ArrayList<>();
      for (ScoreDoc sd : searcher.search(new DisjunctionMaxQuery(perField, 0f), k).scoreDocs) {
        out.add(searcher.storedFields().document(sd.doc).get("id"));
      }
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Elasticsearch fuzziness AUTO: exact up to 2 characters, 1 edit up to 5, else 2. */
  private static Query fuzzy(Term t) {
    int len = t.text().codePointCount(0, t.text().length());
    if (len <= 2) {
      return new TermQuery(t);
    }
    return new FuzzyQuery(t, len <= 5 ? 1 : 2, 0, 50, true);
  }

  @Override
  public void close() throws IOException {
    reader.close();
    dir.close();
  }
}
