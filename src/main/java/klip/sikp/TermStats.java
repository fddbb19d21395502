package klip.sikp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;

/**
 * BM25 statistics of one reader (field sizes, inverse document frequencies), computed as Lucene's
 * BM25Similarity does and kept for the reader's lifetime: while an agent types, every keystroke
 * asks for the same words again, and a term-dictionary lookup per word and field is most of what
 * ranking a handful of candidates would otherwise cost.
 */
final class TermStats {
  private static final int MAX_CACHED_TERMS = 50_000;

  private final IndexReader reader;
  private final Map<String, Field> fields = new ConcurrentHashMap<>();

  TermStats(IndexReader reader) {
    this.reader = reader;
  }

  Field field(String name) {
    return fields.computeIfAbsent(name, this::load);
  }

  private Field load(String name) {
    try {
      long docCount = 0;
      long sumTotalTermFreq = 0;
      for (LeafReaderContext leaf : reader.leaves()) {
        Terms terms = Terms.getTerms(leaf.reader(), name);
        docCount += terms.getDocCount();
        sumTotalTermFreq += terms.getSumTotalTermFreq();
      }
      long idfBase = SikpFields.idfOverAllArticles(name) ? reader.maxDoc() : docCount;
      return new Field(reader, name, idfBase,
          docCount == 0 ? 1f : (float) (sumTotalTermFreq / (double) docCount));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One field: its document count, average length and the idf of the words asked so far. */
  static final class Field {
    private final IndexReader reader;
    private final String name;
    private final long docCount;
    private final float averageLength;
    private final Map<String, Integer> docFreq = new ConcurrentHashMap<>();
    private volatile float[] lengthFactors;

    Field(IndexReader reader, String name, long docCount, float averageLength) {
      this.reader = reader;
      this.name = name;
      this.docCount = docCount;
      this.averageLength = averageLength;
    }

    long docCount() {
      return docCount;
    }

    float averageLength() {
      return averageLength;
    }

    /**
     * {@link FieldVariants#lengthFactors} of this field, the {@code variant} it is scored as, kept for
     * the reader's lifetime (a benign race: two threads may compute the same table).
     */
    float[] lengthFactors(int variant) {
      float[] table = lengthFactors;
      if (table == null) {
        table = FieldVariants.lengthFactors(variant, averageLength);
        lengthFactors = table;
      }
      return table;
    }

    /** log(1 + (N − df + 0.5) / (df + 0.5)), N the documents having the field. */
    float idf(String term) {
      int df = docFreq(term);
      return (float) Math.log(1 + (docCount - df + 0.5D) / (df + 0.5D));
    }

    /** Documents whose field holds {@code term} (deleted ones included, as in Lucene's BM25). */
    int docFreq(String term) {
      Integer cached = docFreq.get(term);
      if (cached != null) {
        return cached;
      }
      if (docFreq.size() > MAX_CACHED_TERMS) {
        docFreq.clear();
      }
      try {
        int df = reader.docFreq(new Term(name, term));
        docFreq.put(term, df);
        return df;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
