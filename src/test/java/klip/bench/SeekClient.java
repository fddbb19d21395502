package klip.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The measuring side of {@link PlaybackBench}, in a process of its own: the project's JVM then holds only the
 * server (its collections and compilations delay its own answers, not the measurement of nginx's), and both
 * servers are measured by the same client in the same way. Prints the table's rows on standard output.
 * Arguments (key=value): project=port cookie=… recording=id nginx=port path=/file size=bytes probes rounds bytes
 * streams pace warmup [dump=prefix].
 *
 * <p>A cell is {@code rounds} rounds of {@code probes} seek pairs; within a pair the two servers are asked one after
 * the other, the project first in even rounds and nginx first in odd ones, so that neither always follows the
 * other. Percentiles are over every seek of the cell (a p99 of 10,000 seeks is the 100th-slowest, where one of
 * 1,200 was the 12th and moved by an order of magnitude from run to run), and each round's own p99 ratio is
 * reported too (median and range), to show how far a single short measurement can wander.
 */
public final class SeekClient {

  private static final double REAL_TIME_BYTES_PER_S = 8000 * 2;
  private static final AtomicReference<io.vertx.core.Context> PROBE_CONTEXT = new AtomicReference<>();
  /** When each measured pair of the last cell started (epoch ms), for the dump: slow seeks against other logs. */
  private static final List<Long> PAIR_STARTED = new ArrayList<>();
  /** Seek pairs per settling block, and the compiler CPU (each JVM) under which a block counts as quiet. */
  private static final int SETTLE_PAIRS = 2000;
  private static final long QUIET_JIT_MS = 10;
  private static final int MAX_SETTLE_BLOCKS = 40;
  private static final AtomicReference<JitActivity> SERVER_JIT = new AtomicReference<>();
  private static final JitActivity CLIENT_JIT = JitActivity.self();
  /** What the JIT did around the last cell: settling blocks, compiler CPU while measuring. */
  private static final AtomicReference<String> LAST_JIT = new AtomicReference<>("");

  private SeekClient() {
  }

  public static void main(String[] args) {
    int status = 1;
    try {
      run(PlaybackBench.options(args));
      status = 0;
    } catch (Exception e) {
      e.printStackTrace();
    }
    // Whatever happened, the clients' event-loop threads must not keep the process (and the bench) waiting.
    System.exit(status);
  }

  private static void run(Map<String, String> o) throws Exception {
    long id = Long.parseLong(o.get("recording"));
    long size = Long.parseLong(o.get("size"));
    int probes = Integer.parseInt(o.get("probes"));
    int rounds = Integer.parseInt(o.getOrDefault("rounds", "1"));
    int bytes = Integer.parseInt(o.get("bytes"));
    int warmup = Integer.parseInt(o.get("warmup"));
    double pace = Double.parseDouble(o.get("pace"));
    List<Integer> streams = Arrays.stream(o.get("streams").split(",")).map(Integer::parseInt).toList();
    Target project = new Target("project", Integer.parseInt(o.get("project")), o.get("cookie"), id, null);
    Target plain = new Target("nginx", Integer.parseInt(o.get("nginx")), null, id, o.get("path"));
    SERVER_JIT.set(JitActivity.of(Long.parseLong(o.get("server-pid"))));
    Vertx clients = Vertx.vertx();
    PROBE_CONTEXT.set(clients.getOrCreateContext());
    try {
      // Warm-up (JIT on both sides, pools, page cache), not reported.
      cell(clients, project, plain, size, 10, warmup, 1, bytes, pace);
      for (int n : streams) {
        String before = uptime();
        Cell[] cell = cell(clients, project, plain, size, n, probes, rounds, bytes, pace);
        if (o.containsKey("dump")) {
          dump(Path.of(o.get("dump") + "-" + n + ".txt"), cell);
        }
        String load = before + " → " + uptime();
        List<Double> ratios = new ArrayList<>();
        StringBuilder inOrder = new StringBuilder();
        for (int r = 0; r < rounds; r++) {
          double ratio = cell[0].round(r, probes).p(0.99) / cell[1].round(r, probes).p(0.99);
          ratios.add(ratio);
          inOrder.append(r == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", ratio));
        }
        ratios.sort(null);
        for (Cell c : cell) {
          String perRound = c == cell[1] ? "" : String.format(Locale.ROOT, "%.2f× (rounds in order: %s)",
              ratios.get(ratios.size() / 2), inOrder);
          System.out.println(String.format(Locale.ROOT,
              "| %d | %s | %d | %.3f ms | %.3f ms | %.3f ms | %.3f ms | %.2f× | %s | %s | %s |", n, c.name,
              c.ttfbMs.size(), c.p(0.5), c.p(0.9), c.p(0.99), c.p(1.0), c.p(0.99) / cell[1].p(0.99), perRound, load,
              c == cell[1] ? "" : LAST_JIT.get()));
        }
      }
    } finally {
      clients.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** One server to seek in: the project (a playback opened with the session cookie) or nginx (a plain path). */
  private record Target(String name, int port, String cookie, long recordingId, String plainPath) {

    HttpClient client(Vertx vertx, int connections) {
      return vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
          .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(Math.max(1, connections)));
    }

    /** The URI a player's requests go to: for the project, one audited playback's grant. */
    Future<String> open(HttpClient client) {
      if (plainPath != null) {
        return Future.succeededFuture(plainPath);
      }
      return client.request(new RequestOptions().setMethod(HttpMethod.POST)
              .setURI("/api/recordings/" + recordingId + "/playbacks").putHeader("Cookie", cookie)
              .putHeader("X-Requested-With", "klip"))
          .compose(req -> req.send())
          .compose(resp -> resp.body().map(body -> {
            if (resp.statusCode() != 201) {
              throw new IllegalStateException("playback answered " + resp.statusCode() + ": " + body);
            }
            return body.toJsonObject().getString("audio");
          }));
    }

    RequestOptions get(String uri) {
      RequestOptions r = new RequestOptions().setMethod(HttpMethod.GET).setURI(uri);
      return cookie == null ? r : r.putHeader("Cookie", cookie);
    }
  }

  private record Cell(String name, List<Double> ttfbMs) {
    /** The seeks of round {@code r} of {@code probes} seeks. */
    Cell round(int r, int probes) {
      return new Cell(name, ttfbMs.subList(r * probes, (r + 1) * probes));
    }

    double p(double q) {
      List<Double> s = new ArrayList<>(ttfbMs);
      s.sort(null);
      int rank = (int) Math.ceil(q * s.size());
      return s.isEmpty() ? Double.NaN : s.get(Math.max(0, rank - 1));
    }
  }

  /** {@code n} paced streams against each server while one prober alternates seeks between them. */
  private static Cell[] cell(Vertx vertx, Target project, Target plain, long size, int n, int probes, int rounds,
                             int bytes, double pace) throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger playing = new AtomicInteger();
    List<HttpClient> made = new ArrayList<>();
    for (Target t : List.of(project, plain)) {
      HttpClient c = t.client(vertx, n);
      made.add(c);
      // Players start over a second, as a floor of assessors would, not in one burst of openings.
      for (int i = 0; i < n; i++) {
        AtomicBoolean started = new AtomicBoolean();
        Runnable bytesArrived = () -> {
          if (started.compareAndSet(false, true)) {
            playing.incrementAndGet();
          }
        };
        PROBE_CONTEXT.get().runOnContext(v -> vertx.setTimer(1 + ThreadLocalRandom.current().nextInt(1000),
            id -> stream(vertx, c, t, running, bytesArrived, pace * REAL_TIME_BYTES_PER_S)));
      }
    }
    try {
      return probeBoth(vertx, project, plain, size, probes, rounds, bytes, made, () -> playing.get() >= 2 * n);
    } finally {
      running.set(false);
      for (HttpClient c : made) {
        c.close().await(10, TimeUnit.SECONDS);
      }
    }
  }

  private static Cell[] probeBoth(Vertx vertx, Target project, Target plain, long size, int probes, int rounds,
                                  int bytes, List<HttpClient> made, BooleanSupplier allPlaying) throws Exception {
    HttpClient projectProbe = project.client(vertx, 1);
    HttpClient plainProbe = plain.client(vertx, 1);
    made.add(projectProbe);
    made.add(plainProbe);
    String projectUri = Future.<String>future(p -> PROBE_CONTEXT.get().runOnContext(v ->
        project.open(projectProbe).onComplete(p))).await(60, TimeUnit.SECONDS);
    String plainUri = plain.open(plainProbe).await(60, TimeUnit.SECONDS);
    // Measured once every stream plays (the openings' burst is over), after 50 seeks each at least.
    for (int i = 0; i < 50 || !allPlaying.getAsBoolean(); i++) {
      probe(projectProbe, project, projectUri, size, bytes).await(30, TimeUnit.SECONDS);
      probe(plainProbe, plain, plainUri, size, bytes).await(30, TimeUnit.SECONDS);
    }
    int blocks = settle(() -> {
      probe(projectProbe, project, projectUri, size, bytes).await(30, TimeUnit.SECONDS);
      probe(plainProbe, plain, plainUri, size, bytes).await(30, TimeUnit.SECONDS);
    });
    long serverJit = SERVER_JIT.get().cpuMs();
    long clientJit = CLIENT_JIT.cpuMs();
    List<Double> ours = new ArrayList<>();
    List<Double> theirs = new ArrayList<>();
    PAIR_STARTED.clear();
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < probes; i++) {
        PAIR_STARTED.add(System.currentTimeMillis());
        if (r % 2 == 0) {
          ours.add(probe(projectProbe, project, projectUri, size, bytes).await(30, TimeUnit.SECONDS));
          theirs.add(probe(plainProbe, plain, plainUri, size, bytes).await(30, TimeUnit.SECONDS));
        } else {
          theirs.add(probe(plainProbe, plain, plainUri, size, bytes).await(30, TimeUnit.SECONDS));
          ours.add(probe(projectProbe, project, projectUri, size, bytes).await(30, TimeUnit.SECONDS));
        }
      }
    }
    LAST_JIT.set(String.format(Locale.ROOT, "%s after %d × %d pairs; %d / %d ms", blocks > 0 ? "quiet" : "NOT quiet",
        Math.abs(blocks), SETTLE_PAIRS, Math.max(0, SERVER_JIT.get().cpuMs() - serverJit),
        Math.max(0, CLIENT_JIT.cpuMs() - clientJit)));
    return new Cell[] {new Cell(project.name, ours), new Cell(plain.name, theirs)};
  }

  /** One seek pair, for settling. */
  @FunctionalInterface
  private interface Pair {
    void send() throws Exception;
  }

  /**
   * Seeks on in blocks until two blocks in a row pass with both JVMs' compilers (the server's and this client's)
   * all but idle: a JVM still compiling its hot path competes with the servers for the two cores, for both of them, and
   * the project's own path is then measured half-compiled. nginx has no JIT; a server in service has been
   * compiled for hours. Returns the blocks it took, negated if the JIT never went quiet (the cell is measured
   * anyway, and says so).
   */
  private static int settle(Pair pair) throws Exception {
    int quietInARow = 0;
    for (int block = 1; block <= MAX_SETTLE_BLOCKS; block++) {
      long server = SERVER_JIT.get().cpuMs();
      long client = CLIENT_JIT.cpuMs();
      for (int i = 0; i < SETTLE_PAIRS; i++) {
        pair.send();
      }
      boolean quiet = SERVER_JIT.get().cpuMs() - server <= QUIET_JIT_MS && CLIENT_JIT.cpuMs() - client <= QUIET_JIT_MS;
      quietInARow = quiet ? quietInARow + 1 : 0;
      // Two in a row: one quiet block can be a lull between compilations (a cell measured after one such block
      // saw both compilers at work again, 230 ms, and its first rounds at 10x).
      if (quietInARow == 2) {
        return block;
      }
    }
    return -MAX_SETTLE_BLOCKS;
  }

  /** Plays the file from the start at {@code bytesPerSecond}, again when done (the project: a new playback). */
  private static void stream(Vertx vertx, HttpClient client, Target target, AtomicBoolean running,
                             Runnable bytesArrived, double bytesPerSecond) {
    if (!running.get()) {
      return;
    }
    Future.succeededFuture().compose(v -> target.open(client))
        .compose(uri -> client.request(target.get(uri)))
        .compose(req -> req.send())
        .compose(resp -> {
          long t0 = System.nanoTime();
          long[] read = {0};
          resp.handler(b -> {
            bytesArrived.run();
            read[0] += b.length();
            if (!running.get()) {
              resp.request().connection().close();
              return;
            }
            double ahead = read[0] / bytesPerSecond - (System.nanoTime() - t0) / 1e9;
            if (bytesPerSecond > 0 && ahead > 0.05) {
              resp.pause();
              vertx.setTimer((long) (ahead * 1000), id -> resp.resume());
            }
          });
          return resp.end();
        })
        .onComplete(ar -> {
          if (ar.failed() && running.get()) {
            System.err.println(target.name + " stream failed: " + ar.cause());
          }
          // Through the event loop, not recursion: a failing server must not overflow the stack.
          vertx.runOnContext(v -> stream(vertx, client, target, running, bytesArrived, bytesPerSecond));
        });
  }

  /**
   * Milliseconds from sending a seek to its first body byte. Sent from an event-loop context, so that the response
   * handler is set before the (small) body arrives rather than in a task queued behind it.
   */
  private static Future<Double> probe(HttpClient client, Target target, String uri, long size, int bytes) {
    Promise<Double> result = Promise.promise();
    PROBE_CONTEXT.get().runOnContext(v -> probeNow(client, target, uri, size, bytes).onComplete(result));
    return result.future();
  }

  private static Future<Double> probeNow(HttpClient client, Target target, String uri, long size, int bytes) {
    long offset = 44 + ThreadLocalRandom.current().nextLong(Math.max(1, size - 44 - bytes));
    Promise<Double> first = Promise.promise();
    long t0 = System.nanoTime();
    return client.request(target.get(uri).putHeader("Range", "bytes=" + offset + "-" + (offset + bytes - 1)))
        .compose(req -> req.send())
        .compose(resp -> {
          if (resp.statusCode() != 206) {
            return Future.failedFuture(target.name + " answered a seek with " + resp.statusCode());
          }
          resp.handler(b -> first.tryComplete((System.nanoTime() - t0) / 1e6));
          return resp.end();
        })
        .compose(v -> first.future());
  }

  /** Seek i's time to first byte at the project and at nginx, one line each, in the order they were sent. */
  private static void dump(Path file, Cell[] cell) throws IOException {
    StringBuilder d = new StringBuilder("# seek project_ms nginx_ms started_epoch_ms\n");
    for (int i = 0; i < cell[0].ttfbMs.size(); i++) {
      d.append(i).append(' ').append(cell[0].ttfbMs.get(i)).append(' ').append(cell[1].ttfbMs.get(i)).append(' ')
          .append(PAIR_STARTED.get(i)).append('\n');
    }
    Files.writeString(file, d);
  }

  private static String uptime() {
    try {
      Process p = new ProcessBuilder("uptime").redirectErrorStream(true).start();
      String s = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor(5, TimeUnit.SECONDS);
      return s.substring(s.indexOf("load average"));
    } catch (IOException | InterruptedException | RuntimeException e) {
      return "load " + Machine.load();
    }
  }
}
