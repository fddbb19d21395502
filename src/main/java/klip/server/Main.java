package klip.server;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import klip.cluster.ClusterSettings;
import klip.cluster.HazelcastCluster;
import java.util.concurrent.TimeUnit;
import klip.config.AppConfig;
import klip.config.ProductionSafety;
import klip.config.Settings;
import klip.db.Database;
import klip.observability.Metrics;
import klip.sikp.SikpImportCommand;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the KLIP Call Handler with configuration from defaults, an optional file and KLIP_* variables. */
public final class Main {

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  /** Subcommands: {@code sikp-import FILE}; the server itself runs without arguments. */
  private static int command(String[] args) {
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    if (args[0].equals("sikp-import")) {
      try {
        return SikpImportCommand.run(AppConfig.from(Settings.load(System.getenv())), rest, System.out);
      } catch (RuntimeException e) {
        log.error("sikp-import failed: {}", e.getMessage(), e);
        return 1;
      }
    }
    System.out.println("Perintah tidak dikenal: " + args[0] + "; tersedia: sikp-import FILE");
    return 1;
  }

  /** One node alone without cluster settings; with them, a node of the Hazelcast cluster they name. */
  private static Vertx newVertx(AppConfig config, Metrics metrics) {
    ClusterSettings cluster = ClusterSettings.from(config.settings());
    if (cluster == null) {
      return metrics.newVertx();
    }
    log.info("Joining the cluster {} as {}:{} (members {})", cluster.name(), cluster.host(), cluster.port(),
        cluster.members());
    try {
      VertxOptions options = new VertxOptions().setPreferNativeTransport(true)
          .setEventBusOptions(HazelcastCluster.eventBus(cluster));
      return metrics.newClusteredVertx(options, HazelcastCluster.manager(cluster)).await(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Joining the cluster failed: " + e.getMessage(), e);
    }
  }

  public static void main(String[] args) {
    if (args.length > 0) {
      System.exit(command(args));
      return;
    }
    AppConfig config;
    Database database;
    try {
      config = AppConfig.from(Settings.load(System.getenv()));
      List<String> refusals = ProductionSafety.refusals(config);
      if (!refusals.isEmpty()) {
        refusals.forEach(line -> log.error("KLIP refuses to start in production mode: {}", line));
        System.exit(1);
        return;
      }
      database = Database.open(config.database(), config.dataDir());
    } catch (RuntimeException e) {
      log.error("KLIP cannot start: {}", e.getMessage(), e);
      System.exit(1);
      return;
    }
    Metrics metrics = new Metrics();
    Vertx vertx;
    try {
      vertx = newVertx(config, metrics);
    } catch (RuntimeException e) {
      log.error("KLIP cannot join its cluster: {}", e.getMessage(), e);
      database.close();
      System.exit(1);
      return;
    }
    KlipServer.start(vertx, metrics, config, database)
        .onSuccess(server -> {
          log.info("KLIP Call Handler ready on http://localhost:{}/ ({} mode, {} transport)", server.httpPort(),
              config.demo() ? "demo" : "production", vertx.isNativeTransportEnabled() ? "epoll" : "NIO");
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
