package klip.db;

import klip.config.AppConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server JVM killed with SIGKILL leaves its embedded postmaster running (or, killed with it, a pid file and
 * children still attached to the old shared memory). The next start must succeed the first time, with every
 * committed row there.
 */
class FirstStartAfterCrashTest {

  @TempDir
  Path dataDir;

  @Test
  @DisplayName("After kill -9 of the server JVM, its orphaned postmaster is stopped and the first start succeeds")
  void orphanedPostmasterIsTakenOver() throws Exception {
    long orphan = crashHolder("orphaned");
    assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false),
        "the killed JVM's postmaster is still running (the situation under test)");

    assertFirstStartSeesRow("orphaned", orphan);
  }

  @Test
  @DisplayName("After kill -9 of the server JVM and its postmaster together, the first start succeeds")
  void killedPostmasterIsCleared() throws Exception {
    long killed = crashHolder("both-killed");
    ProcessHandle.of(killed).ifPresent(ProcessHandle::destroyForcibly);

    assertFirstStartSeesRow("both-killed", killed);
  }

  private void assertFirstStartSeesRow(String value, long oldPostmaster) throws Exception {
    try (Database database = Database.open(new AppConfig.Database(null, "klip", "", 2), dataDir)) {
      long pid = database.embeddedServer().postmasterPid();
      assertNotEquals(oldPostmaster, pid, "a new postmaster runs the data directory");
      try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
           var rows = c.createStatement().executeQuery("SELECT acknowledged FROM crash_probe")) {
        List<String> values = new ArrayList<>();
        while (rows.next()) {
          values.add(rows.getString(1));
        }
        assertEquals(List.of(value), values, "the row committed before the crash is there");
      }
    }
    assertTrue(Files.notExists(dataDir.resolve("postgres").resolve("postmaster.pid")), "stopped cleanly at close");
  }

  /** Runs {@link CrashingHolder} in a child JVM, waits for its READY line, kills it; returns its postmaster's pid. */
  private long crashHolder(String value) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CrashingHolder.class.getName(), dataDir.toString(), value)
        .redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      StringBuilder log = new StringBuilder();
      while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
        log.append(line).append('\n');
      }
      if (line == null) {
        throw new AssertionError("The holder JVM exited before READY:\n" + log);
      }
      child.destroyForcibly().waitFor();
      return Long.parseLong(line.substring("READY ".length()).trim());
    }
  }
}
