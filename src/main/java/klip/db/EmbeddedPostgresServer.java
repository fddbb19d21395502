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
    Path serverLog = dataDir.resolveSibling("postgres-restarts.log");
    List<String> args = List.of("start", "-D", dataDir.toString(), "-l", serverLog.toString(),
        "-o", String.join(" ", options), "-w", "-t", Long.toString(STARTUP_WAIT.toSeconds()));
    try {
      if (!PgCtl.run(binDir, args, serverLog, STARTUP_WAIT.toMillis() + 10_000)) {
        throw new IllegalStateException("pg_ctl start in " + dataDir + " failed: " + lastLine(serverLog));
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot run pg_ctl from " + binDir + ": " + e.getMessage(), e);
    }
    log.info("Embedded PostgreSQL restarted on port {} (pid {})", port, postmasterPid());
  }

  /** The server's own reason (its last FATAL line), for the log of a failed restart. */
  private static String lastLine(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).contains("FATAL")) {
          return lines.get(i);
        }
      }
      return lines.isEmpty() ? "(empty " + file + ")" : lines.get(lines.size() - 1);
    } catch (IOException e) {
      return "(no " + file + ")";
    }
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
