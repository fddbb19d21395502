package klip.sikp.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import klip.sikp.ArticleJsonl;
import klip.sikp.CorpusFingerprint;
import klip.sikp.SikpArticle;
import klip.sikp.SikpIndex;
import klip.sikp.SikpSearcher;
import klip.sikp.Suggestion;
import klip.sikp.SynonymTable;
import klip.support.TempTrees;

/**
 * Suggestion latency and throughput of the engine (on-disk index, full suggestions with snippets;
 * also with the application filter the desk applies) against the PostgreSQL baseline in both
 * forms (ids only), at the shipped size and at larger recombined sizes; and how often the
 * two-phase search returns what ranking every match would.
 *
 * <p>The query streams replay typing: every prefix of every query that ends in a letter, from 3
 * characters on. The warm-up stream (dev queries) and the measured stream (validation queries) share
 * no query, so the engine's per-reader caches (term statistics, expansions) hold only what the
 * warm-up asked, as on a desk where every call brings new words. The engine is measured twice: warm,
 * and once more right after an index reopen, when every per-reader cache starts empty again (what
 * the first searches after an edit see). Not a test: run it on an otherwise idle machine.
 *
 * <pre>
 * bench/run-sikpspeed.sh 179 50000
 * </pre>
 */
public final class SpeedBenchmark {
  static final int THREADS = 2;
  static final long QPS_MILLIS = 5_000;
  /** Typed prefixes measured per system and size (an even sample of the whole stream). */
  static final int SAMPLE = 1_000;
  /**
   * The measuring thread's CPU time per query, beside the wall-clock time: on a loaded machine the
   * wall-clock tail is mostly time spent waiting for a core, the CPU time is the engine's own work
   * (for the PostgreSQL rows it leaves out the server's process, so compare those by wall clock).
   */
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private SpeedBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: SpeedBenchmark <articles.jsonl> <warm-up queries.jsonl> <measured queries.jsonl>"
          + " <size>...");
      System.exit(2);
    }
    List<SikpArticle> base = ArticleJsonl.read(Path.of(args[0])).articles();
    List<String> warmUp = sample(typingStream(EvalQuery.read(Path.of(args[1]))), SAMPLE);
    List<String> stream = sample(disjoint(typingStream(EvalQuery.read(Path.of(args[2]))),
        typingStream(EvalQuery.read(Path.of(args[1])))), SAMPLE);
    System.out.printf(Locale.ROOT, "%d typed prefixes measured, %d others for warm-up, %d threads for QPS, %d cores%n",
        stream.size(), warmUp.size(), THREADS, Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "%-8s %-11s %9s %9s %9s %9s %10s %11s %11s%n",
        "articles", "system", "p50 ms", "p99 ms", "max ms", "QPS", "build s", "cpu p50 ms", "cpu p99 ms");
    for (String size : Arrays.copyOfRange(args, 3, args.length)) {
      List<SikpArticle> corpus = CorpusGenerator.generate(base, Integer.parseInt(size), 42);
      Path dir = Files.createTempDirectory("sikp-bench");
      long t0 = System.nanoTime();
      try (SikpIndex index = SikpIndex.open(dir)) {
        index.awaitVisible(index.rebuild(corpus, CorpusFingerprint.of(corpus)));
        double build = (System.nanoTime() - t0) / 1e9;
        SikpSearcher s = new SikpSearcher(index);
        // Each row starts on a new reader (an edit writing the same content again), so no row sees the
        // measured words cached by the one before it.
        Runnable reopen = () -> index.awaitVisible(index.upsert(corpus.get(0)));
        reopen.run();
        report(corpus.size(), "engine", build, warmUp, stream, q -> s.suggest(q, null, 5));
        reopen.run();
        // As on the desk once the agent has chosen the application: e-Filing, the largest one.
        report(corpus.size(), "engine/app", build, warmUp, stream, q -> s.suggest(q, "e-Filing", 5));
        reopen.run();
        report(corpus.size(), "eng/reopen", build, List.of(), stream, q -> s.suggest(q, null, 5));
        agreement(stream, s,
            new SikpSearcher(index, SynonymTable.bundled(), SikpSearcher.EXHAUSTIVE));
      } finally {
        TempTrees.delete(dir);
      }
      t0 = System.nanoTime();
      try (PgBaseline pg = new PgBaseline(corpus); Ranker any = pg.anyWord()) {
        double build = (System.nanoTime() - t0) / 1e9;
        report(corpus.size(), pg.name(), build, warmUp, stream, q -> pg.rank(q, 5));
        if (!"every-word".equals(System.getenv("SIKPBENCH_PG"))) {
          // any-word PostgreSQL reads most of the index per query: 20 minutes at 50,000 under load
          report(corpus.size(), any.name(), build, warmUp, stream, q -> any.rank(q, 5));
        }
      }
    }
  }

  public static List<String> sample(List<String> all, int n) {
    if (all.size() <= n) {
      return all;
    }
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(all.get((int) ((long) i * all.size() / n)));
    }
    return out;
  }

  /** The typed prefixes of {@code measured} that never occur in {@code warmUp} ("lup", "cara" occur in both sets). */
  public static List<String> disjoint(List<String> measured, List<String> warmUp) {
    java.util.Set<String> seen = new java.util.HashSet<>(warmUp);
    return measured.stream().filter(q -> !seen.contains(q)).toList();
  }

  /** "lupa efin" → "lup", "lupa", "lupa e", "lupa ef", ... "lupa efin". */
  public static List<String> typingStream(List<EvalQuery> queries) {
    List<String> out = new ArrayList<>();
    for (EvalQuery q : queries) {
      for (int i = 3; i <= q.q().length(); i++) {
        if (Character.isLetterOrDigit(q.q().charAt(i - 1))) {
          out.add(q.q().substring(0, i));
        }
      }
    }
    return out;
  }

  /** Warms up on one stream (JIT, and caches with its words only), then measures another, once. */
  private static void report(int size, String name, double build, List<String> warmUp, List<String> stream,
      Consumer<String> search) throws InterruptedException {
    warmUp.forEach(search);
    long[] nanos = new long[stream.size()];
    long[] cpu = new long[stream.size()];
    for (int i = 0; i < nanos.length; i++) {
      long c = CPU.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      search.accept(stream.get(i));
      nanos[i] = System.nanoTime() - t;
      cpu[i] = CPU.getCurrentThreadCpuTime() - c;
    }
    Arrays.sort(nanos);
    Arrays.sort(cpu);
    // Throughput last: its threads replay the measured stream, which by then is in the caches.
    double qps = throughput(stream, search);
    System.out.printf(Locale.ROOT, "%-8d %-11s %9.3f %9.3f %9.3f %9.0f %10.1f %11.3f %11.3f%n", size, name,
        nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6,
        nanos[nanos.length - 1] / 1e6, qps, build,
        cpu[cpu.length / 2] / 1e6, cpu[(int) (cpu.length * 0.99)] / 1e6);
  }

  /**
   * How often the two-phase search gives what ranking every matching article by the full model
   * would: the same top score, the same five scores (scores, not ids: generated look-alikes tie).
   */
  private static void agreement(List<String> stream, SikpSearcher fast, SikpSearcher exhaustive) {
    int top1 = 0;
    int top5 = 0;
    for (String q : stream) {
      List<Suggestion> a = fast.suggest(q, null, 5);
      List<Suggestion> b = exhaustive.suggest(q, null, 5);
      boolean all = a.size() == b.size();
      for (int i = 0; all && i < a.size(); i++) {
        all = Math.abs(a.get(i).score() - b.get(i).score()) < 1e-4;
      }
      if (all) {
        top5++;
      }
      if (a.isEmpty() ? b.isEmpty()
          : !b.isEmpty() && Math.abs(a.get(0).score() - b.get(0).score()) < 1e-4) {
        top1++;
      }
    }
    System.out.printf(Locale.ROOT, "%-8s %-11s same top suggestion as exhaustive ranking: %d/%d,"
        + " same top five: %d/%d%n", "", "engine", top1, stream.size(), top5, stream.size());
  }

  private static double throughput(List<String> stream, Consumer<String> search)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong done = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int offset = t * 997;
      Thread th = new Thread(() -> {
        for (int i = offset; !stop.get(); i++) {
          search.accept(stream.get(i % stream.size()));
          done.incrementAndGet();
        }
      }, "bench-" + t);
      threads.add(th);
    }
    long t0 = System.nanoTime();
    threads.forEach(Thread::start);
    Thread.sleep(QPS_MILLIS);
    stop.set(true);
    for (Thread th : threads) {
      th.join();
    }
    return done.get() / ((System.nanoTime() - t0) / 1e9);
  }
}
