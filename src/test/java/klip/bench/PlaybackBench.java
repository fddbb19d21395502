package klip.bench;

import ch.qos.logback.classic.Level;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import klip.pbx.CallScenario;
import klip.support.Eventually;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The recordings benchmark (a harness, not a test: {@code bench/run-playbackbench.sh}).
 * One real recording (a call through the simulated PBX, linked by the server) of {@code minutes} minutes;
 * then, for each number of concurrent full-speed playback streams, the time to first byte of a seek
 * (GET /api/recordings/:id/audio with {@code Range: bytes=<random>-}, audited like every playback) measured by
 * a separate prober, and the bytes/s the streams get in all, expressed as real-time 8 kHz 16-bit streams.
 * Streams are paced like a player ({@code pace} × real time, reading only what it plays; 0 = as fast as the
 * connection goes, a worst case of downloads).
 * Options: minutes=30 streams=0,100,500,1000 pace=1 seconds=10 probes=200.
 */
public final class PlaybackBench {

  private static final double REAL_TIME_BYTES_PER_S = 8000 * 2;

  private PlaybackBench() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = Arrays.stream(args).filter(a -> a.contains("="))
        .collect(Collectors.toMap(a -> a.substring(0, a.indexOf('=')), a -> a.substring(a.indexOf('=') + 1)));
    int minutes = Integer.parseInt(o.getOrDefault("minutes", "30"));
    List<Integer> streams = Arrays.stream(o.getOrDefault("streams", "0,100,500,1000").split(",")).map(Integer::parseInt)
        .toList();
    int seconds = Integer.parseInt(o.getOrDefault("seconds", "10"));
    int probes = Integer.parseInt(o.getOrDefault("probes", "200"));
    double pace = Double.parseDouble(o.getOrDefault("pace", "1"));
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("klip")).setLevel(Level.WARN);

    StringBuilder table = new StringBuilder();
    try (TestServer ts = TestServer.start(new JsonObject().put("KLIP_SIM_TIME_SCALE", "0.001"))) {
      ts.pbx().play(CallScenario.builder("081200001111", "Bench").ring("Local/agent1@agents/n", "Agent One",
          CallScenario.Outcome.ANSWER).talkDuration(Duration.ofMinutes(minutes)).build()).await(120, TimeUnit.SECONDS);
      HttpSession qa = ts.login("qa1");
      JsonObject rec = Eventually.until("the linked recording", 60_000,
          () -> qa.get("/api/qa/interactions?agent=agent1").bodyAsJsonArray(),
          a -> !a.isEmpty() && a.getJsonObject(0).getLong("recordingId") != null).getJsonObject(0);
      long id = rec.getLong("recordingId");
      long size = qa.get("/api/recordings/" + id).bodyAsJsonObject().getLong("sizeBytes");
      String path = "/api/recordings/" + id + "/audio";
      // Warm-up (JIT, pools, page cache), not reported.
      cell(ts, qa.cookie(), path, size, 10, 3, 300, pace);
      table.append("| streams | seek TTFB p50 | p99 | max | streams' throughput | = real-time streams |\n")
          .append("|---|---|---|---|---|---|\n");
      for (int n : streams) {
        Cell cell = cell(ts, qa.cookie(), path, size, n, seconds, probes, pace);
        String line = String.format("| %d | %.2f ms | %.2f ms | %.2f ms | %.1f MB/s | %,d |", n, cell.p(0.5),
            cell.p(0.99), cell.p(1.0), cell.bytesPerSecond / 1e6, (long) (cell.bytesPerSecond / REAL_TIME_BYTES_PER_S));
        System.out.println(line);
        table.append(line).append('\n');
      }
      String head = "Recording " + minutes + " min, " + size + " bytes; " + probes + " seeks per cell; "
          + Runtime.getRuntime().availableProcessors() + " CPUs visible; " + ZonedDateTime.now() + "\n\n";
      Path dir = Files.createDirectories(Path.of("bench", "results"));
      Path file = dir.resolve("playbackbench-" + ZonedDateTime.now()
          .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
      Files.writeString(file, head + table);
      System.out.println(head + table + "\nWritten to " + file);
    }
    System.exit(0);
  }

  private record Cell(List<Double> ttfbMs, double bytesPerSecond) {
    double p(double q) {
      List<Double> s = new ArrayList<>(ttfbMs);
      Collections.sort(s);
      return s.isEmpty() ? 0 : s.get(Math.min(s.size() - 1, (int) Math.ceil(q * s.size()) - 1 < 0 ? 0
          : (int) Math.ceil(q * s.size()) - 1));
    }
  }

  /** {@code n} streams read the whole file back to back while one prober seeks {@code probes} times. */
  private static Cell cell(TestServer ts, String cookie, String path, long size, int n, int seconds, int probes,
                           double pace) throws Exception {
    HttpClient streamsClient = ts.vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(ts.port()), new PoolOptions().setHttp1MaxSize(Math.max(1, n)));
    HttpClient probeClient = ts.vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(ts.port()), new PoolOptions().setHttp1MaxSize(1));
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong bytes = new AtomicLong();
    for (int i = 0; i < n; i++) {
      stream(ts.vertx, streamsClient, cookie, path, running, bytes, pace * REAL_TIME_BYTES_PER_S);
    }
    // Let the streams ramp up before measuring.
    probe(probeClient, cookie, path, size).await(10, TimeUnit.SECONDS);
    long startBytes = bytes.get();
    long start = System.nanoTime();
    List<Double> ttfb = new ArrayList<>();
    long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
    while (ttfb.size() < probes || System.nanoTime() < deadline) {
      ttfb.add(probe(probeClient, cookie, path, size).await(30, TimeUnit.SECONDS));
      if (ttfb.size() >= probes * 20) {
        break;
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    double rate = (bytes.get() - startBytes) / elapsed;
    running.set(false);
    streamsClient.close().await(10, TimeUnit.SECONDS);
    probeClient.close().await(10, TimeUnit.SECONDS);
    return new Cell(ttfb, rate);
  }

  /** Plays the file from the start, reading at {@code bytesPerSecond} (0 = unpaced), again when done. */
  private static void stream(io.vertx.core.Vertx vertx, HttpClient client, String cookie, String path,
                             AtomicBoolean running, AtomicLong bytes, double bytesPerSecond) {
    if (!running.get()) {
      return;
    }
    client.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(path).putHeader("Cookie", cookie))
        .compose(req -> req.send())
        .compose(resp -> {
          long t0 = System.nanoTime();
          long[] read = {0};
          resp.handler(b -> {
            bytes.addAndGet(b.length());
            read[0] += b.length();
            if (!running.get()) {
              resp.request().connection().close();
              return;
            }
            if (bytesPerSecond > 0) {
              double ahead = read[0] / bytesPerSecond - (System.nanoTime() - t0) / 1e9;
              if (ahead > 0.05) {
                resp.pause();
                vertx.setTimer((long) (ahead * 1000), id -> resp.resume());
              }
            }
          });
          return resp.end();
        })
        .onComplete(ar -> stream(vertx, client, cookie, path, running, bytes, bytesPerSecond));
  }

  /** Milliseconds from sending a seek request to its first body byte. */
  private static Future<Double> probe(HttpClient client, String cookie, String path, long size) {
    long offset = 44 + ThreadLocalRandom.current().nextLong(Math.max(1, size - 4096));
    long t0 = System.nanoTime();
    Promise<Double> first = Promise.promise();
    return client.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(path).putHeader("Cookie", cookie)
            .putHeader("Range", "bytes=" + offset + "-"))
        .compose(req -> req.send())
        .compose(resp -> {
          if (resp.statusCode() != 206) {
            return Future.failedFuture("seek answered " + resp.statusCode());
          }
          resp.handler(b -> first.tryComplete((System.nanoTime() - t0) / 1e6));
          return resp.end();
        })
        .compose(v -> first.future());
  }
}
