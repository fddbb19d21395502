package klip.sikp;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk SIKP index and the single owner of its {@link IndexWriter}.
 *
 * <p>All methods are blocking and thread-safe; call them from a worker thread, never from a Vert.x
 * event loop. Changes become searchable through near-real-time reopening: a background
 * {@link ControlledRealTimeReopenThread} refreshes the searcher at least every 200 ms, and
 * {@link #awaitVisible(long)} waits for a specific change.
 */
public final class SikpIndex implements Closeable {
  private static final Logger log = LoggerFactory.getLogger(SikpIndex.class);

  /**
   * Bump when fields or analysis change: an index written by another schema is rebuilt (9: words
   * reduced to their roots by the dictionary; 10: more spoken and regional stop words; 11: each article's
   * kinds of question, {@link SikpFields#INTENT}; 12: a gap of {@link SikpAnalysis#VALUE_GAP}
   * positions between the values of a multi-valued field).
   */
  public static final String SCHEMA_VERSION = "sikp-12";
  static final String KEY_SCHEMA = "sikp.schema";
  static final String KEY_FINGERPRINT = "sikp.fingerprint";

  private final Directory dir;
  private final IndexWriter writer;
  private final SearcherManager manager;
  private final ControlledRealTimeReopenThread<IndexSearcher> reopener;
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile String fingerprint;

  private SikpIndex(Directory dir) throws IOException {
    this.dir = dir;
    IndexWriterConfig cfg = new IndexWriterConfig(SikpFields.indexAnalyzer());
    cfg.setSimilarity(SikpFields.similarity());
    cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    cfg.setCommitOnClose(true);
    this.writer = new IndexWriter(dir, cfg);
    Map<String, String> data = new HashMap<>();
    writer.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
    this.fingerprint =
        SCHEMA_VERSION.equals(data.get(KEY_SCHEMA)) ? data.getOrDefault(KEY_FINGERPRINT, "") : "";
    this.manager = new SearcherManager(writer, new SearcherFactory() {
      @Override
      public IndexSearcher newSearcher(org.apache.lucene.index.IndexReader reader,
          org.apache.lucene.index.IndexReader previous) {
        IndexSearcher s = new IndexSearcher(reader);
        s.setSimilarity(SikpFields.similarity());
        return s;
      }
    });
    this.reopener = new ControlledRealTimeReopenThread<>(writer, manager, 0.2, 0.01);
    reopener.setName("sikp-nrt-reopen");
    reopener.setDaemon(true);
    reopener.start();
  }

  /** Opens (or creates) the index in {@code directory}. */
  public static SikpIndex open(Path directory) throws IOException {
    Files.createDirectories(directory);
    return new SikpIndex(FSDirectory.open(directory));
  }

  /** An index living in the given Lucene directory (tests and benchmarks use in-memory ones). */
  public static SikpIndex open(Directory directory) throws IOException {
    return new SikpIndex(directory);
  }

  /** True when the index was built by this schema from the corpus with this fingerprint. */
  public boolean isCurrent(String corpusFingerprint) {
    return corpusFingerprint != null && corpusFingerprint.equals(fingerprint);
  }

  /** Rebuilds from {@code articles} unless the index already holds exactly that corpus. */
  public boolean ensureCurrent(Collection<SikpArticle> articles) {
    String fp = CorpusFingerprint.of(articles);
    if (isCurrent(fp)) {
      log.info("SIKP index is current ({} articles)", numDocs());
      return false;
    }
    rebuild(articles, fp);
    return true;
  }

  /**
   * Replaces the whole content with {@code articles} and records {@code corpusFingerprint}. Articles
   * are upserted and the leftovers deleted afterwards, so searchers never see an empty index.
   */
  public long rebuild(Collection<SikpArticle> articles, String corpusFingerprint) {
    writeLock.lock();
    try {
      long t0 = System.nanoTime();
      List<BytesRef> keep = new ArrayList<>(articles.size());
      for (SikpArticle a : articles) {
        if (a.isPublished()) {
          writer.updateDocument(new Term(SikpFields.ID, a.id()), SikpFields.toDocument(a));
          keep.add(new BytesRef(a.id()));
        }
      }
      BooleanQuery stale = new BooleanQuery.Builder()
          .add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST)
          .add(new TermInSetQuery(SikpFields.ID, keep), BooleanClause.Occur.MUST_NOT)
          .build();
      long gen = writer.deleteDocuments(stale);
      // One segment: every query term is looked up once per segment, and a suggestion query has
      // a hundred or more terms, so a merged index answers markedly faster.
      writer.forceMerge(1);
      commit(corpusFingerprint == null ? "" : corpusFingerprint);
      // Visible when this returns: callers (start-up, an import) search the rebuilt corpus next.
      manager.maybeRefreshBlocking();
      log.info("SIKP index rebuilt: {} articles in {} ms", keep.size(),
          (System.nanoTime() - t0) / 1_000_000);
      return gen;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Adds or replaces one article (a draft or retired article is removed instead). Searchable within
   * 200 ms; returns the generation to pass to {@link #awaitVisible(long)}. The stored fingerprint
   * is cleared, because the corpus no longer matches it; see {@link #markCurrent(String)}.
   */
  public long upsert(SikpArticle article) {
    if (!article.isPublished()) {
      return delete(article.id());
    }
    return write(() -> writer.updateDocument(
        new Term(SikpFields.ID, article.id()), SikpFields.toDocument(article)), "");
  }

  /** Removes one article; returns the generation to pass to {@link #awaitVisible(long)}. */
  public long delete(String id) {
    return write(() -> writer.deleteDocuments(new Term(SikpFields.ID, id)), "");
  }

  /** Records that the index now reflects the corpus with this fingerprint (after upserts). */
  public void markCurrent(String corpusFingerprint) {
    write(() -> 0L, corpusFingerprint);
  }

  /** Runs one change under the write lock and commits it with the given fingerprint. */
  private long write(WriterChange change, String fingerprintAfter) {
    writeLock.lock();
    try {
      long gen = change.apply();
      commit(fingerprintAfter);
      return gen;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writeLock.unlock();
    }
  }

  @FunctionalInterface
  private interface WriterChange {
    long apply() throws IOException;
  }

  /** Blocks until the change with this generation is visible to searchers. */
  public void awaitVisible(long generation) {
    try {
      reopener.waitForGeneration(generation);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the SIKP index", e);
    }
  }

  /** Runs {@code work} on a current searcher; the searcher is released afterwards. */
  public <T> T withSearcher(SearcherWork<T> work) {
    IndexSearcher s;
    try {
      s = manager.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return work.apply(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        manager.release(s);
      } catch (IOException e) {
        log.warn("cannot release SIKP searcher", e);
      }
    }
  }

  public int numDocs() {
    return withSearcher(s -> s.getIndexReader().numDocs());
  }

  private void commit(String fp) throws IOException {
    writer.setLiveCommitData(
        Map.of(KEY_SCHEMA, SCHEMA_VERSION, KEY_FINGERPRINT, fp).entrySet());
    writer.commit();
    fingerprint = fp;
  }

  @Override
  public void close() throws IOException {
    reopener.close();
    manager.close();
    writer.close();
    dir.close();
  }

  /** Work done with an acquired searcher. */
  @FunctionalInterface
  public interface SearcherWork<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }
}
