package klip.recordings;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import klip.Addresses;
import klip.facts.Backlog;
import klip.facts.FactQueue;
import klip.observability.Metrics;
import klip.tickets.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings capability's background work: links each ended call's MixMonitor file to its ticket (as the
 * ticket's end made it due, durably, resumed at every start), and runs the scheduled integrity check and retention
 * purge. File reads happen on the shared "klip-recordings-io"
 * worker pool, never on this verticle's event loop.
 */
public final class RecordingsVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(RecordingsVerticle.class);
  private static final long RESUME_RETRY_MS = 5_000;

  private final Pool pool;
  private final RecordingsConfig config;
  private final Metrics metrics;
  private final WorkerExecutor io;
  private final RecordingAlerts alerts;
  private final IntegrityChecker integrity;
  private final RetentionPurge purge;
  private final PlaybackGrants grants;
  private final Tickets tickets;
  private final Backlog backlog;
  private FactQueue facts;

  public RecordingsVerticle(Pool pool, RecordingsConfig config, Metrics metrics, RecordingsIo io, Backlog backlog) {
    this.backlog = backlog;
    this.pool = pool;
    this.config = config;
    this.metrics = metrics;
    this.io = io.executor();
    this.alerts = io.alerts();
    this.integrity = io.integrity();
    this.purge = io.purge();
    this.grants = io.grants();
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
    // Grants that expire unused would otherwise keep their files open until the next playback is opened.
    vertx.setPeriodic(Math.max(1_000, config.grantIdleMs()), id -> grants.sweep());
    facts = new FactQueue(vertx, backlog);
    return Future.all(
        vertx.eventBus().<JsonObject>localConsumer(Addresses.CALL_RECORDING, m -> linker.onRecording(m.body()))
            .completion(),
        // The call is over: an unanswered one (rang, or left before any ring) leaves only MixMonitor's header-only
        // file, which goes; an answered one may have extra recordings besides its own (linked when due).
        vertx.eventBus().<JsonObject>localConsumer(Addresses.CALL_MISSED, m -> callOver(linker,
            m.body().copy().put("answered", false))).completion(),
        vertx.eventBus().<JsonObject>localConsumer(Addresses.CALL_ENDED, m -> callOver(linker, m.body())).completion(),
        vertx.eventBus().<JsonObject>localConsumer(Addresses.RECORDING_DUE, m -> settle(linker, m.body())).completion())
        .onSuccess(v -> resumeDue(linker));
  }

  /**
   * Links (or flags) the recording the ticket committed as due with the call's end, then tells tickets it is
   * settled; retried while the database is away. Linking twice is harmless: the second finds the row there.
   */
  private void settle(RecordingLinker linker, JsonObject due) {
    String callId = due.getString("callId");
    facts.submit(callId, () -> linker.onEnded(due).compose(v -> vertx.eventBus()
        .request(Addresses.RECORDING_SETTLED, new JsonObject().put("callId", callId))));
  }

  private void callOver(RecordingLinker linker, JsonObject fact) {
    linker.onCallOver(fact).onFailure(err -> log.error("Call {}: its empty or extra recordings were not handled",
        fact.getString("callId"), err));
  }

  /** Recordings due before a crash or a stop, not linked or flagged yet: taken up again at every start. */
  private void resumeDue(RecordingLinker linker) {
    vertx.eventBus().<JsonArray>request(Addresses.RECORDINGS_DUE, null)
        .onSuccess(reply -> {
          if (!reply.body().isEmpty()) {
            log.info("Resuming {} recordings due before the last stop", reply.body().size());
          }
          reply.body().forEach(due -> settle(linker, (JsonObject) due));
        })
        .onFailure(err -> {
          log.warn("Cannot read the recordings due yet ({}); trying again", err.getMessage());
          vertx.setTimer(RESUME_RETRY_MS, id -> resumeDue(linker));
        });
  }
}
