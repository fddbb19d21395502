package klip.asterisk;

import klip.support.Eventually;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Asterisk for one test class: the binary named by {@code -Dklip.asterisk=/path/to/sbin/asterisk}, in the
 * foreground as a child process, with a private configuration folder made from the project's
 * {@code asterisk-config/} ({@link AsteriskOverlay}) and AMI on a free local port. Modules come from
 * {@code -Dklip.asterisk.modules}, by default {@code <prefix>/lib/asterisk/modules} next to the binary, and the
 * data folder (XML documentation) from {@code -Dklip.asterisk.data}, by default {@code <prefix>/var/lib/asterisk}.
 */
public final class RealAsterisk implements AutoCloseable {

  public static final String PROPERTY = "klip.asterisk";

  public final Path dir;
  public final Path monitorDir;
  public final int amiPort;
  private final String binary;
  private final Path asteriskConf;
  private final Process process;

  private RealAsterisk(String binary, Path dir, Path asteriskConf, Path monitorDir, int amiPort, Process process) {
    this.binary = binary;
    this.dir = dir;
    this.asteriskConf = asteriskConf;
    this.monitorDir = monitorDir;
    this.amiPort = amiPort;
    this.process = process;
  }

  /** The binary to run, or null when this machine has none configured. */
  public static String binary() {
    String path = System.getProperty(PROPERTY, "");
    return path.isBlank() || !Files.isExecutable(Path.of(path)) ? null : path;
  }

  public static RealAsterisk start() throws IOException {
    return start(null);
  }

  /** With {@code cel} set, CEL goes to that database (the shipped cel.conf and cel_pgsql.conf). */
  public static RealAsterisk start(klip.db.Database cel) throws IOException {
    return start(cel, 2);
  }

  /** {@link #start(klip.db.Database)} with {@code agents} Local agents in the queue instead of two. */
  public static RealAsterisk start(klip.db.Database cel, int agents) throws IOException {
    String binary = binary();
    if (binary == null) {
      throw new IllegalStateException("No Asterisk: set -D" + PROPERTY + "=/path/to/sbin/asterisk");
    }
    Path prefix = Path.of(binary).toAbsolutePath().getParent().getParent();
    Path modules = Path.of(System.getProperty(PROPERTY + ".modules",
        prefix.resolve("lib/asterisk/modules").toString()));
    Path data = Path.of(System.getProperty(PROPERTY + ".data", prefix.resolve("var/lib/asterisk").toString()));
    Path dir = Files.createTempDirectory("klip-asterisk");
    Path monitorDir = dir.resolve("monitor");
    int port = freePort();
    AsteriskOverlay.CelDatabase celDb = null;
    if (cel != null) {
      var o = cel.connectOptions();
      celDb = new AsteriskOverlay.CelDatabase(o.getHost(), o.getPort(), o.getDatabase(), o.getUser(),
          o.getPassword() == null ? "" : o.getPassword());
    }
    Path conf = AsteriskOverlay.write(Path.of("asterisk-config"), dir, modules, data, port, monitorDir, celDb,
        agents);
    Process process = new ProcessBuilder(binary, "-f", "-n", "-C", conf.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile()).start();
    RealAsterisk asterisk = new RealAsterisk(binary, dir, conf, monitorDir, port, process);
    try {
      Eventually.until("Asterisk's AMI port " + port + " to accept", 30_000, () -> {
        if (!process.isAlive()) {
          throw new IllegalStateException("Asterisk exited with " + process.exitValue() + "; see " + dir);
        }
        try (Socket s = new Socket("127.0.0.1", port)) {
          return true;
        } catch (IOException notYet) {
          return false;
        }
      }, up -> up);
      Eventually.until("Asterisk fully booted", 30_000, () -> asterisk.cli("core waitfullybooted"),
          out -> out.contains("fully booted"));
    } catch (RuntimeException e) {
      asterisk.close();
      throw e;
    }
    return asterisk;
  }

  /** An AMI connection as the test's controller (all events, all actions), logged in. */
  public ManagerConnection controller() throws Exception {
    ManagerConnection c = new ManagerConnectionFactory("127.0.0.1", amiPort, AsteriskOverlay.CONTROLLER_USER,
        AsteriskOverlay.CONTROLLER_SECRET).createManagerConnection();
    c.login();
    return c;
  }

  public static void logoff(ManagerConnection c) {
    if (c != null && c.getState() == ManagerConnectionState.CONNECTED) {
      c.logoff();
    }
  }

  /** Runs one CLI command through the control socket ({@code asterisk -rx}) and returns its output. */
  public String cli(String command) {
    try {
      Process p = new ProcessBuilder(binary, "-C", asteriskConf.toString(), "-rx", command)
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor(20, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** The server's settings for this PBX: AMI address and login, and the shared recordings folder. */
  public io.vertx.core.json.JsonObject serverSettings() {
    return new io.vertx.core.json.JsonObject().put("KLIP_AMI_HOST", "127.0.0.1").put("KLIP_AMI_PORT", amiPort)
        .put("KLIP_AMI_USERNAME", AsteriskOverlay.AMI_USER).put("KLIP_AMI_SECRET", AsteriskOverlay.AMI_SECRET)
        .put("KLIP_RECORDINGS_DIR", monitorDir.toString());
  }

  public List<String> logLines() throws IOException {
    Path log = dir.resolve("var/log/messages");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      cli("core stop now");
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
