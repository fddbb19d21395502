package klip;

import io.vertx.core.Vertx;
import klip.config.AppConfig;
import klip.config.Settings;
import klip.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the KLIP Call Handler with configuration from defaults, an optional file and KLIP_* variables. */
public final class Main {

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    AppConfig config;
    Database database;
    try {
      config = AppConfig.from(Settings.load(System.getenv()));
      database = Database.open(config.database(), config.dataDir());
    } catch (RuntimeException e) {
      log.error("KLIP cannot start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    Vertx vertx = Vertx.vertx();
    KlipServer.start(vertx, config, database)
        .onSuccess(server -> {
          log.info("KLIP Call Handler ready on http://localhost:{}/ ({} mode)", server.httpPort(),
              config.demo() ? "demo" : "production");
          Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop().toCompletionStage().toCompletableFuture().join();
            vertx.close().toCompletionStage().toCompletableFuture().join();
            database.close();
          }, "klip-shutdown"));
        })
        .onFailure(err -> {
          log.error("KLIP cannot start: {}", err.getMessage(), err);
          vertx.close();
          database.close();
          System.exit(1);
        });
  }
}
