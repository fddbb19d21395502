package klip.support;

import klip.db.Database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Takes one test database away from the server and brings it back, on the real PostgreSQL: the database stops
 * accepting connections and every backend connected to it is terminated, as when PostgreSQL goes down under the
 * server. Other test classes' databases on the same PostgreSQL are untouched.
 */
public final class DatabaseOutage implements AutoCloseable {

  private final String adminUrl;
  private final String user;
  private final String password;
  private final String name;
  private boolean away;

  private DatabaseOutage(Database database) {
    String url = database.jdbcUrl();
    int slash = url.lastIndexOf('/');
    int query = url.indexOf('?', slash);
    this.name = query < 0 ? url.substring(slash + 1) : url.substring(slash + 1, query);
    this.adminUrl = url.substring(0, slash + 1) + "postgres" + (query < 0 ? "" : url.substring(query));
    this.user = database.user();
    this.password = database.password();
  }

  /** Cuts the server off its database now. */
  public static DatabaseOutage begin(Database database) {
    DatabaseOutage outage = new DatabaseOutage(database);
    outage.execute("ALTER DATABASE " + outage.name + " ALLOW_CONNECTIONS false");
    outage.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + outage.name + "'");
    outage.away = true;
    return outage;
  }

  /** The database accepts connections again. */
  public void end() {
    if (away) {
      execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
      away = false;
    }
  }

  private void execute(String sql) {
    try (Connection c = DriverManager.getConnection(adminUrl, user, password); var st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    end();
  }
}
