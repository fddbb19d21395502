package klip.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import klip.server.KlipServer;
import klip.config.AppConfig;
import klip.config.Settings;
import klip.db.Database;
import klip.observability.Metrics;
import klip.pbx.SimulatedPbx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The whole server as production wires it, on ephemeral ports, with its own database and data directory,
 * talking to an in-process simulated PBX over real TCP through asterisk-java.
 */
public final class TestServer implements AutoCloseable {

  public final Vertx vertx;
  public final KlipServer server;
  public final Database database;
  public final Path dataDir;

  private TestServer(Vertx vertx, KlipServer server, Database database, Path dataDir) {
    this.vertx = vertx;
    this.server = server;
    this.database = database;
    this.dataDir = dataDir;
  }

  public static TestServer start() {
    return start(new JsonObject());
  }

  /** Starts with the demo roster and a fast simulated PBX, plus {@code overrides} (KLIP_* keys). */
  public static TestServer start(JsonObject overrides) {
    return start(overrides, TestPostgres.freshDatabase());
  }

  /** As {@link #start(JsonObject)}, optionally without waiting for the AMI login (tests of a failing login). */
  public static TestServer start(JsonObject overrides, boolean awaitAmi) {
    return start(overrides, TestPostgres.freshDatabase(), awaitAmi);
  }

  /** Starts against an existing database: a restart of the server after a crash, rows kept. */
  public static TestServer start(JsonObject overrides, Database database) {
    return start(overrides, database, true);
  }

  /** Against an existing database, optionally without waiting for the AMI login (a standby node of a cluster). */
  public static TestServer start(JsonObject overrides, Database database, boolean awaitAmi) {
    try {
      Path dataDir = Files.createTempDirectory("klip-test");
      JsonObject settings = new JsonObject()
          .put("KLIP_HTTP_PORT", 0)
          .put("KLIP_HTTP_HOST", "127.0.0.1")
          .put("KLIP_DATA_DIR", dataDir.toString())
          .put("KLIP_RECORDINGS_DIR", dataDir.resolve("recordings").toString())
          .put("KLIP_SIM_TIME_SCALE", "0.01")
          .put("KLIP_AMI_RECONNECT_MAX_MS", 1000)
          .put("KLIP_DEMO", "true")
          // Journeys play calls back to back to one agent with tickets left open; the after-call-work pause
          // would hold those calls in the queue. Its own tests turn it on.
          .put("KLIP_ACW_PAUSE", "false")
          .mergeIn(overrides);
      AppConfig config = AppConfig.from(Settings.of(settings));
      Metrics metrics = new Metrics();
      Vertx vertx = metrics.newVertx();
      try {
        KlipServer server = KlipServer.start(vertx, metrics, config, database)
            .await(Duration.ofSeconds(60).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        // Deployment does not wait for the AMI login; a test that plays calls must.
        if (awaitAmi) {
          server.amiStatus().firstConnection().await(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        return new TestServer(vertx, server, database, dataDir);
      } catch (Exception e) {
        vertx.close();
        throw e;
      }
    } catch (Exception e) {
      throw new IllegalStateException("Test server did not start: " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.httpPort();
  }

  public SimulatedPbx pbx() {
    return server.pbx();
  }

  public HttpSession login(String username) {
    return HttpSession.login(vertx, port(), username, "klip-" + username);
  }

  @Override
  public void close() {
    try {
      server.stop().await(20, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // best effort: the next test gets its own server anyway
    }
    try {
      vertx.close().await(20, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // as above
    }
  }
}
