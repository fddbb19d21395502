package klip.sikp;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;

/**
 * What a suggestion shows of an article (id, title, application, answer), read from the stored
 * fields once per reader and kept: while an agent types, one keystroke after another suggests mostly
 * the same articles, and each stored-field read decompresses a whole block (LZ4 was about 5% of a
 * suggestion's CPU at 50,000 articles). A reader's stored fields never change, so a kept value is
 * always what a read would give; the cache goes with the reader after a reopen.
 */
final class ShownFields {
  /** One article as a suggestion shows it, with its answer's words for the snippet. */
  record Shown(String id, String title, String app, String answer, AnswerWords answerWords) {}

  private static final Set<String> STORED = Set.of(SikpFields.ID, SikpFields.STORED_TITLE,
      SikpFields.STORED_APP, SikpFields.STORED_ANSWER);
  /** Bounds the memory per reader (answers are a few kilobytes); cleared when full. */
  private static final int MAX_CACHED = 4_096;
  private static final Map<IndexReader.CacheKey, ShownFields> BY_READER =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final Map<Integer, Shown> byDoc = new ConcurrentHashMap<>();

  private ShownFields() {}

  /** The cache of {@code reader} (created on first use; none for a reader without a cache key). */
  static ShownFields of(IndexReader reader) {
    IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
    if (helper == null) {
      return new ShownFields();
    }
    return BY_READER.computeIfAbsent(helper.getKey(), k -> new ShownFields());
  }

  /**
   * The shown fields of each hit (top-level doc ids), in order; the stored fields are opened only
   * if one is not kept yet (opening them clones a reader per segment).
   */
  Shown[] get(IndexSearcher searcher, ScoreDoc[] hits) throws IOException {
    Shown[] out = new Shown[hits.length];
    // One reader of stored fields for all the hits: each is a clone with its own decompression buffers.
    StoredFields stored = null;
    for (int i = 0; i < hits.length; i++) {
      int doc = hits[i].doc;
      Shown kept = byDoc.get(doc);
      if (kept == null) {
        if (stored == null) {
          stored = searcher.storedFields();
        }
        Document d = stored.document(doc, STORED);
        String answer = d.get(SikpFields.STORED_ANSWER);
        kept = new Shown(d.get(SikpFields.ID), d.get(SikpFields.STORED_TITLE),
            d.get(SikpFields.STORED_APP), answer, AnswerWords.of(answer));
        if (byDoc.size() >= MAX_CACHED) {
          byDoc.clear();
        }
        byDoc.put(doc, kept);
      }
      out[i] = kept;
    }
    return out;
  }
}
