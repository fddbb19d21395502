package klip.cluster;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One cluster node as an operator runs it: {@code klip.server.Main} in its own JVM with the KLIP_CLUSTER_* settings,
 * its own data directory and HTTP port, the shared database and PBX. Its output goes to
 * {@code target/test-logs/<test>-<node>-<start>.log}.
 */
public final class NodeProcess {

  /** The test's JVM flags: a small heap, a quick start (C1 only) and a quick, single-threaded collector. */
  public static final List<String> TEST_JVM = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public final String name;
  public final int httpPort;
  private final Path workDir;
  private final Path logDir;
  private final Map<String, String> env;
  private final List<String> jvmOptions;
  private Process process;
  private int generation;

  NodeProcess(String name, int httpPort, Path workDir, Path logDir, Map<String, String> env, List<String> jvmOptions) {
    this.jvmOptions = List.copyOf(jvmOptions);
    this.name = name;
    this.httpPort = httpPort;
    this.workDir = workDir;
    this.logDir = logDir;
    this.env = new HashMap<>(env);
  }

  /** Starts the JVM without waiting for it; see {@link #awaitUp}. */
  public void start() throws IOException {
    generation++;
    Files.createDirectories(workDir);
    Files.createDirectories(logDir);
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "klip.server.Main"));
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(logDir.resolve(name + "-" + generation + ".log").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("KLIP_"));
    builder.environment().putAll(env);
    process = builder.start();
  }

  /** Waits until /health answers 200; fails when the JVM exits first or {@code deadline} passes. */
  public void awaitUp(Duration deadline) {
    long end = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + " before it was up; see " + log());
      }
      JsonObject health = health();
      if (health != null && "UP".equals(health.getString("status"))) {
        return;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
    throw new AssertionError(name + " was not up within " + deadline + "; see " + log());
  }

  /** The /health report, or null while the node does not answer. */
  public JsonObject health() {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
          .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return r.body().startsWith("{") ? new JsonObject(r.body()) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The AMI part of /health ({node, owner, detail, ...}), or an empty object while the node does not answer. */
  public JsonObject ami() {
    JsonObject health = health();
    return health == null ? new JsonObject() : health.getJsonObject("checks").getJsonObject("ami");
  }

  /** Whether this node says it owns the AMI connection and is connected to Asterisk. */
  public boolean ownsAmi() {
    JsonObject ami = ami();
    return ami.getString("node") != null && ami.getString("node").equals(ami.getString("owner"))
        && "AMI connected".equals(ami.getString("detail"));
  }

  /** The HTTP status of GET {@code path} with {@code cookie}. */
  public int get(String path, String cookie) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).header("Cookie", cookie)
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** kill -9: no shutdown hook, no goodbye to the cluster or the AMI lease. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** SIGTERM: the shutdown hook hands the lease on and leaves the cluster. */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
        throw new AssertionError(name + " did not stop within 60 s after SIGTERM; see " + log());
      }
    }
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  public Path log() {
    return logDir.resolve(name + "-" + generation + ".log");
  }

  /** The operating system's id of the running JVM (for jcmd). */
  public long pid() {
    return process.pid();
  }

  static List<String> lastLines(Path log, int n) {
    try {
      List<String> lines = Files.readAllLines(log);
      return lines.subList(Math.max(0, lines.size() - n), lines.size());
    } catch (IOException e) {
      return List.of("(" + log + " unreadable: " + e.getMessage() + ")");
    }
  }
}
