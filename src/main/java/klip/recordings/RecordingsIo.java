package klip.recordings;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Pool;
import klip.identity.Teams;
import klip.observability.Metrics;
import klip.tickets.Tickets;

/**
 * The recordings capability's shared parts, built once by the server and handed to its verticle and its APIs:
 * the named worker pools (file reads, hashing of uploads), the store, alerts, the integrity check, the purge,
 * the playback grants and the other capabilities it reads from.
 */
public record RecordingsIo(WorkerExecutor executor, RecordingStore store, RecordingAlerts alerts,
                           IntegrityChecker integrity, RetentionPurge purge, PlaybackGrants grants,
                           RecordingsConfig config, Tickets tickets, RecordingAccess access, WorkerExecutor hashing) {

  public static final String POOL_NAME = "klip-recordings-io";
  /** Hashing of uploaded screen-capture chunks, apart from the file pool so a long integrity run never delays it. */
  public static final String HASHING_POOL_NAME = "klip-recordings-hashing";

  public static RecordingsIo create(Vertx vertx, Pool pool, RecordingsConfig config, Metrics metrics,
                                    Tickets tickets, Teams teams) {
    WorkerExecutor executor = vertx.createSharedWorkerExecutor(POOL_NAME, 2);
    RecordingStore store = new RecordingStore(config.root());
    RecordingAlerts alerts = new RecordingAlerts(pool, vertx.eventBus(), metrics);
    PlaybackGrants grants = new PlaybackGrants(config.grantIdleMs(), config.grantMaxMs(),
        file -> executor.executeBlocking(() -> {
          file.close();
          return null;
        }));
    return new RecordingsIo(executor, store, alerts, new IntegrityChecker(pool, executor, store, alerts, grants),
        new RetentionPurge(vertx, pool, store, config.retentionDays(), grants), grants, config, tickets,
        new RecordingAccess(tickets, teams), vertx.createSharedWorkerExecutor(HASHING_POOL_NAME, 2));
  }
}
