package klip.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import klip.db.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real embedded PostgreSQL for the whole test JVM, and a fresh, migrated database for each test class:
 * tests never share rows, and starting the server process once keeps the suite fast.
 */
public final class TestPostgres {

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // the JVM is exiting anyway
        }
      }));
    }
    return server;
  }

  /** A new database with every migration applied. */
  public static Database freshDatabase() {
    EmbeddedPostgres pg = server();
    String name = "klip_test_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
    try (Connection c = pg.getPostgresDatabase().getConnection(); var st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return Database.external(pg.getJdbcUrl("postgres", name), "postgres", "");
  }
}
