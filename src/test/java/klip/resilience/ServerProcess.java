package klip.resilience;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The KLIP server as an operator runs it: its own JVM ({@code klip.server.Main}) with the embedded PostgreSQL in its data
 * directory, pointed at the harness's PBX. Killed with SIGKILL, alone or with its postmaster.
 */
final class ServerProcess {

  private final Path workDir;
  private final int httpPort;
  private final Map<String, String> env;
  private Process process;
  private int generation;

  ServerProcess(Path workDir, int httpPort, Map<String, String> env) {
    this.workDir = workDir;
    this.httpPort = httpPort;
    this.env = env;
  }

  int httpPort() {
    return httpPort;
  }

  /** Starts a JVM and waits until /health says UP; false when that JVM exited or never got there. */
  boolean start(Duration deadline) throws IOException {
    generation++;
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder builder = new ProcessBuilder(java, "-Xmx768m", "-cp", System.getProperty("java.class.path"),
        "klip.server.Main").directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(workDir.resolve("server-" + generation + ".log").toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("KLIP_"));
    builder.environment().putAll(env);
    process = builder.start();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long end = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        return false;
      }
      if (healthUp(client)) {
        return true;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
    return false;
  }

  boolean healthUp(HttpClient client) {
    try {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
          + "/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  String logName() {
    return "server-" + generation + ".log";
  }

  /** kill -9 of the server JVM (its postmaster, started by it, lives on). */
  void kill9() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly().waitFor();
    }
  }

  /** kill -9 of the embedded postmaster named by postmaster.pid. */
  long kill9Postmaster() {
    long pid = postmasterPid();
    ProcessHandle.of(pid).ifPresent(p -> {
      p.destroyForcibly();
      p.onExit().join();
    });
    return pid;
  }

  /** SIGTERM: the shutdown hook stops the verticles and the embedded PostgreSQL. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  long postmasterPid() {
    return Long.parseLong(pidFileLines().get(0).trim());
  }

  int postgresPort() {
    return Integer.parseInt(pidFileLines().get(3).trim());
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgresPort() + "/klip";
  }

  private List<String> pidFileLines() {
    try {
      return Files.readAllLines(workDir.resolve("data").resolve("postgres").resolve("postmaster.pid"));
    } catch (IOException e) {
      throw new IllegalStateException("No postmaster.pid in " + workDir + ": " + e.getMessage(), e);
    }
  }
}
