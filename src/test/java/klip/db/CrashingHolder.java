package klip.db;

import klip.config.AppConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A stand-in for a server JVM that is about to be killed: opens the embedded database in the given data
 * directory, commits one row, says READY with the postmaster's pid and then waits for its stdin to close.
 * Run as a child process by {@link FirstStartAfterCrashTest}, which kills it with SIGKILL.
 */
public final class CrashingHolder {

  private CrashingHolder() {
  }

  public static void main(String[] args) throws IOException, SQLException {
    Database database = Database.open(new AppConfig.Database(null, "klip", "", 2), Path.of(args[0]));
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
         var st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS crash_probe (acknowledged text)");
      st.execute("INSERT INTO crash_probe VALUES ('" + args[1] + "')");
    }
    System.out.println("READY " + database.embeddedServer().postmasterPid());
    System.out.flush();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in))) {
      while (in.readLine() != null) {
        // Hold the database until killed (or until the test closes our stdin).
      }
    }
  }
}
