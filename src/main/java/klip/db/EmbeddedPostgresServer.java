package klip.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The embedded PostgreSQL of one data directory, durable and restartable. The first start uses zonky's binaries
 * and initdb; a restart after the postmaster died runs the same binaries' pg_ctl on the same port, so the pool's
 * connection settings stay valid. Before every start whatever an earlier, killed run left in the directory is
 * cleared ({@link StalePostmaster}). All methods block.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  /** Crash recovery replays the WAL before the server accepts connections; after a kill this can take a while. */
  private static final Duration STARTUP_WAIT = Duration.ofMinutes(2);

  private final Path dataDir;
  private final EmbeddedPostgres firstStart;
  private final Path binDir;
  private final int port;

  private EmbeddedPostgresServer(Path dataDir, EmbeddedPostgres firstStart, Path binDir) {
    this.dataDir = dataDir;
    this.firstStart = firstStart;
    this.binDir = binDir;
    this.port = firstStart.getPort();
  }

  /**
   * Every write acknowledged to a client must survive a crash of the machine, not only of the process: zonky
   * starts PostgreSQL with {@code -F} (fsync off) and {@code synchronous_commit=off}; a later {@code -c} wins.
   */
  static Map<String, String> durableSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("fsync", "on");
    settings.put("synchronous_commit", "on");
    settings.put("full_page_writes", "on");
    settings.put("timezone", "UTC");
    settings.put("max_connections", "300");
    return settings;
  }

  public static EmbeddedPostgresServer start(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    new StalePostmaster(dataDir).clear();
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setPGStartupWait(STARTUP_WAIT);
    durableSettings().forEach(builder::setServerConfig);
    EmbeddedPostgres pg = builder.start();
    Path binDir = new StalePostmaster(dataDir).postmaster()
        .flatMap(p -> p.info().command()).map(Path::of).map(Path::getParent)
        .orElseThrow(() -> new IllegalStateException("PostgreSQL started in " + dataDir + " but its postmaster "
            + "cannot be found from postmaster.pid"));
    return new EmbeddedPostgresServer(dataDir, pg, binDir);
  }

  public int port() {
    return port;
  }

  public String jdbcUrl(String database) {
    return firstStart.getJdbcUrl("postgres", database);
  }

  /** Whether the postmaster of the data directory is alive (the pid file names a live, non-zombie process). */
  public boolean running() {
    return new StalePostmaster(dataDir).postmaster().isPresent();
  }

  /** The postmaster's process id, while it runs. */
  public long postmasterPid() {
    return new StalePostmaster(dataDir).postmaster().map(ProcessHandle::pid).orElse(-1L);
  }

  /** Starts the server again after it died: whatever is left of the old one is cleared first. */
  public synchronized void restart() {
    if (running()) {
      return;
    }
    new StalePostmaster(dataDir).clear();
    List<String> options = new ArrayList<>(List.of("-p", Integer.toString(port)));
    durableSettings().forEach((key, value) -> options.addAll(List.of("-c", key + "=" + value)));
    List<String> command = List.of(binDir.resolve("pg_ctl").toString(), "start", "-D", dataDir.toString(),
        "-l", dataDir.resolveSibling("postgres-restarts.log").toString(), "-o", String.join(" ", options),
        "-w", "-t", Long.toString(STARTUP_WAIT.toSeconds()));
    try {
      Process start = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!start.waitFor(STARTUP_WAIT.toMillis() + 10_000, TimeUnit.MILLISECONDS) || start.exitValue() != 0) {
        start.destroyForcibly();
        throw new IllegalStateException("pg_ctl start in " + dataDir + " failed; see "
            + dataDir.resolveSibling("postgres-restarts.log"));
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run pg_ctl from " + binDir + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while restarting PostgreSQL", e);
    }
    log.info("Embedded PostgreSQL restarted on port {} (pid {})", port, postmasterPid());
  }

  /** Stops whichever postmaster runs in the data directory, the first one or a restarted one. */
  @Override
  public void close() {
    try {
      firstStart.close();
    } catch (IOException e) {
      log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }
}
