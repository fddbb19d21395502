package klip.bench;

import ch.qos.logback.classic.Level;
import io.vertx.core.json.JsonObject;
import klip.pbx.CallScenario;
import klip.support.Eventually;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Seek time to first byte of the project next to nginx, on the same file in the same run (a harness, not a test:
 * {@code bench/run-playbackbench.sh}). One real recording (a call through the simulated PBX, linked by the server)
 * of {@code talk} seconds; nginx serves the directory it was linked in. Per cell, one prober alternates
 * {@code rounds} × {@code probes} random {@code bytes}-long Range requests between the two over one keep-alive
 * connection each (which server goes first in a pair changes from round to round): the
 * project's as a player sends them (one playback opened, audited once, its grant on every request), nginx's as a
 * plain file. Meanwhile {@code n} paced streams play the file from start to end at {@code pace} × real time against
 * each server (the project's each open their own audited playback per pass). The clients run in a separate
 * process ({@link SeekClient}), pinned to the same cores by the script. Options: talk=20 probes=2000 rounds=5
 * bytes=8192
 * streams=0,100 pace=1 warmup=10000 (seeks per server before any cell, so that the server is measured compiled
 * rather than while the JIT is still at work on it), and dump=prefix (every seek's figures, project and nginx side
 * by side, to prefix-streams.txt).
 */
public final class PlaybackBench {

  private PlaybackBench() {
  }

  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } catch (Exception e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  /** The key=value arguments. */
  static Map<String, String> options(String[] args) {
    return Arrays.stream(args).filter(a -> a.contains("="))
        .collect(Collectors.toMap(a -> a.substring(0, a.indexOf('=')), a -> a.substring(a.indexOf('=') + 1)));
  }

  private static void run(String[] args) throws Exception {
    Map<String, String> o = options(args);
    int talk = Integer.parseInt(o.getOrDefault("talk", "20"));
    String probes = o.getOrDefault("probes", "2000");
    String rounds = o.getOrDefault("rounds", "5");
    String bytes = o.getOrDefault("bytes", "8192");
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("klip")).setLevel(Level.WARN);

    StringBuilder out = new StringBuilder();
    try (TestServer ts = TestServer.start(new JsonObject().put("KLIP_SIM_TIME_SCALE", "0.001"))) {
      ts.pbx().play(CallScenario.builder("081200001111", "Bench").ring("Local/agent1@agents/n", "Agent One",
          CallScenario.Outcome.ANSWER).talkDuration(Duration.ofSeconds(talk)).build()).await(120, TimeUnit.SECONDS);
      HttpSession qa = ts.login("qa1");
      long id = Eventually.until("the linked recording", 60_000,
          () -> qa.get("/api/qa/interactions?agent=agent1").bodyAsJsonArray(),
          a -> !a.isEmpty() && a.getJsonObject(0).getLong("recordingId") != null).getJsonObject(0)
          .getLong("recordingId");
      String relPath = ts.server.pool().preparedQuery("SELECT rel_path FROM recordings WHERE id = $1")
          .execute(io.vertx.sqlclient.Tuple.of(id)).await().iterator().next().getString(0);
      Path file = ts.dataDir.resolve("recordings").resolve(relPath);
      long size = Files.size(file);
      try (Nginx nginx = Nginx.serve(file.getParent())) {
        out.append("Recording ").append(talk).append(" s, ").append(size).append(" bytes; ").append(rounds)
            .append(" rounds of ").append(probes).append(" seeks of ").append(bytes)
            .append(" bytes per server and cell, alternating (the first of each pair changes by round), ")
            .append("measured from a ")
            .append("separate client process; ").append(Machine.describe()).append("; ").append(Nginx.version())
            .append("; ").append(ZonedDateTime.now()).append("\n\n")
            .append("| paced streams (each server) | server | seeks | seek TTFB p50 | p90 | p99 | max "
                + "| p99 / nginx p99 | rounds' p99 ratios: median (each) | uptime "
                + "| JIT before the cell; compiler CPU in it (server / client) |\n")
            .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        List<String> client = new ArrayList<>(List.of(javaCommand(), "-Xmx512m", "-cp", classPath(),
            SeekClient.class.getName(), "server-pid=" + ProcessHandle.current().pid(), "project=" + ts.port(),
            "cookie=" + qa.cookie(), "recording=" + id,
            "nginx=" + nginx.port(), "path=/" + file.getFileName(), "size=" + size, "probes=" + probes,
            "rounds=" + rounds, "bytes=" + bytes, "streams=" + o.getOrDefault("streams", "0,100"),
            "pace=" + o.getOrDefault("pace", "1"), "warmup=" + o.getOrDefault("warmup", "10000")));
        if (o.containsKey("dump")) {
          client.add("dump=" + o.get("dump"));
        }
        Process p = new ProcessBuilder(client).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader rows = new BufferedReader(new InputStreamReader(p.getInputStream(),
            StandardCharsets.UTF_8))) {
          for (String line = rows.readLine(); line != null; line = rows.readLine()) {
            System.out.println(line);
            if (line.startsWith("| ")) {
              out.append(line).append('\n');
            }
          }
        }
        if (p.waitFor() != 0) {
          throw new IllegalStateException("the seek client failed (exit " + p.exitValue() + ")");
        }
      }
      Path dir = Files.createDirectories(Path.of("bench", "results"));
      Path report = dir.resolve("playbackbench-" + ZonedDateTime.now()
          .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
      String text = "Command: `bench/run-playbackbench.sh " + String.join(" ", args) + "`\n\n" + out;
      Files.writeString(report, text);
      System.out.println("\n" + text + "\nWritten to " + report);
    }
  }

  /** The java this bench runs on. */
  private static String javaCommand() {
    return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString());
  }

  /** The test class path as Maven's exec plugin loaded it (its class loader, not java.class.path, holds it). */
  private static String classPath() {
    if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader) {
      return Arrays.stream(loader.getURLs()).map(u -> {
        try {
          return Path.of(u.toURI()).toString();
        } catch (java.net.URISyntaxException e) {
          throw new IllegalStateException(e);
        }
      }).collect(Collectors.joining(File.pathSeparator));
    }
    return System.getProperty("java.class.path");
  }
}
