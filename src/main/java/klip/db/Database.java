package klip.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import klip.config.AppConfig;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * PostgreSQL for the whole server: either a real server named by {@code KLIP_DB_URL}, or an embedded one
 * whose data directory lives under {@code KLIP_DATA_DIR/postgres} and is kept across restarts.
 * Start-up work here is blocking (process start, migrations) and runs before any verticle is deployed.
 */
public final class Database implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Database.class);
  private static final String EMBEDDED_DB = "klip";
  /** Longest SQL whose prepared statement a connection keeps (the client's default is 2,048 characters). */
  private static final int PREPARED_STATEMENT_CACHE_SQL_LIMIT = 16_384;

  private final EmbeddedPostgresServer embedded;
  private final String jdbcUrl;
  private final String user;
  private final String password;

  private Database(EmbeddedPostgresServer embedded, String jdbcUrl, String user, String password) {
    this.embedded = embedded;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  /** Starts (or connects to) PostgreSQL and applies every pending migration. */
  public static Database open(AppConfig.Database config, Path dataDir) {
    Database database = config.embedded() ? startEmbedded(dataDir.resolve("postgres")) : external(config);
    database.migrate();
    return database;
  }

  /** Connects to an already running server (tests create one database per test class this way). */
  public static Database external(String jdbcUrl, String user, String password) {
    Database database = new Database(null, jdbcUrl, user, password);
    database.migrate();
    return database;
  }

  private static Database external(AppConfig.Database config) {
    String url = config.url().startsWith("jdbc:") ? config.url() : "jdbc:" + config.url();
    return new Database(null, url, config.user(), config.password());
  }

  private static Database startEmbedded(Path pgDir) {
    try {
      EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(pgDir);
      createDatabaseIfMissing(pg.jdbcUrl("postgres"));
      log.info("Embedded PostgreSQL running on port {} with data in {}", pg.port(), pgDir);
      return new Database(pg, pg.jdbcUrl(EMBEDDED_DB), "postgres", "");
    } catch (IOException | SQLException | RuntimeException e) {
      throw new IllegalStateException("Cannot start embedded PostgreSQL in " + pgDir + ": " + e.getMessage(), e);
    }
  }

  private static void createDatabaseIfMissing(String adminUrl) throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl);
         var check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      check.setString(1, EMBEDDED_DB);
      if (!check.executeQuery().next()) {
        try (var create = c.createStatement()) {
          create.execute("CREATE DATABASE " + EMBEDDED_DB);
        }
      }
    }
  }

  private void migrate() {
    Flyway.configure()
        .dataSource(jdbcUrl, user, password)
        .locations("classpath:db/migration")
        // Capabilities number their migrations in separate ranges; a data directory created before
        // a lower-numbered capability migration existed must still receive it.
        .outOfOrder(true)
        .load()
        .migrate();
  }

  /** The reactive pool every capability shares. */
  public Pool pool(Vertx vertx, int size) {
    // The client caches no statement longer than 2,048 characters by default: the tickets' ring statement is longer,
    // and was parsed and planned again for every batch of calls.
    PgConnectOptions options = connectOptions().setCachePreparedStatements(true)
        .setPreparedStatementCacheSqlLimit(PREPARED_STATEMENT_CACHE_SQL_LIMIT).setPipeliningLimit(16);
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(options).using(vertx).build();
  }

  /** Where and as whom to connect (a fresh copy), e.g. for a LISTEN connection of its own. */
  public PgConnectOptions connectOptions() {
    return PgConnectOptions.fromUri(jdbcUrl.substring("jdbc:".length())).setUser(user).setPassword(password);
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** The embedded server this database runs in, or null when it is an external one (nothing to supervise). */
  public EmbeddedPostgresServer embeddedServer() {
    return embedded;
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
