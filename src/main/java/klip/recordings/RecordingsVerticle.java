package klip.recordings;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import klip.Addresses;
import klip.tickets.Tickets;
import klip.observability.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings capability's background work: links each ended call's MixMonitor file to its ticket, and runs
 * the scheduled integrity check and retention purge. File reads happen on the shared "klip-recordings-io"
 * worker pool, never on this verticle's event loop.
 */
public final class RecordingsVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(RecordingsVerticle.class);

  private final Pool pool;
  private final RecordingsConfig config;
  private final Metrics metrics;
  private final WorkerExecutor io;
  private final RecordingAlerts alerts;
  private final IntegrityChecker integrity;
  private final RetentionPurge purge;
  private final Tickets tickets;

  public RecordingsVerticle(Pool pool, RecordingsConfig config, Metrics metrics, RecordingsIo io) {
    this.pool = pool;
    this.config = config;
    this.metrics = metrics;
    this.io = io.executor();
    this.alerts = io.alerts();
    this.integrity = io.integrity();
    this.purge = io.purge();
    this.tickets = io.tickets();
  }

  @Override
  public Future<?> start() {
    RecordingLinker linker = new RecordingLinker(vertx, pool, io, new RecordingStore(config.root()), alerts,
        config.graceMs(), metrics, tickets);
    if (config.integrityEveryMs() > 0) {
      vertx.setPeriodic(config.integrityEveryMs(), id -> integrity.verifyAll()
          .onFailure(err -> log.error("Scheduled integrity check failed", err)));
    }
    if (config.purgeEveryMs() > 0) {
      vertx.setPeriodic(config.purgeEveryMs(), id -> purge.run()
          .onFailure(err -> log.error("Scheduled retention purge failed", err)));
    }
    return Future.all(
        vertx.eventBus().<JsonObject>consumer(Addresses.CALL_RECORDING, m -> linker.onRecording(m.body()))
            .completion(),
        // A caller who left before any ring has no ended fact: forget what was announced for the call.
        vertx.eventBus().<JsonObject>consumer(Addresses.CALL_MISSED, m -> linker.forget(m.body().getString("callId")))
            .completion(),
        vertx.eventBus().<JsonObject>consumer(Addresses.CALL_ENDED, m -> linker.onEnded(m.body())
            .onFailure(err -> log.error("Call {}: linking its recording failed", m.body().getString("callId"), err)))
            .completion());
  }
}
