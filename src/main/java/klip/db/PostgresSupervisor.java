package klip.db;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded PostgreSQL running: every period it checks that the postmaster of the data directory is
 * alive and, when it is not, clears what is left of it and starts it again on the same port. The pool then
 * reconnects on its own; meanwhile the API answers 503. The checks and restarts block, so they run on a worker
 * pool of their own, one at a time.
 */
public final class PostgresSupervisor extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(PostgresSupervisor.class);

  private final EmbeddedPostgresServer server;
  private final long periodMs;
  private WorkerExecutor worker;
  private long timer;
  private boolean checking;
  private volatile boolean down;

  public PostgresSupervisor(EmbeddedPostgresServer server, long periodMs) {
    this.server = server;
    this.periodMs = periodMs;
  }

  @Override
  public Future<?> start() {
    worker = vertx.createSharedWorkerExecutor("klip-postgres-supervisor", 1);
    timer = vertx.setPeriodic(periodMs, id -> check());
    return Future.succeededFuture();
  }

  private void check() {
    if (checking) {
      return;
    }
    checking = true;
    worker.executeBlocking(this::restartIfGone, false)
        .onSuccess(restarted -> {
          if (restarted) {
            down = false;
            vertx.eventBus().publish(Addresses.DATABASE_STATUS,
                new JsonObject().put("restarted", true).put("pid", server.postmasterPid()));
          }
        })
        .onFailure(err -> log.error("Embedded PostgreSQL could not be restarted (next try in {} ms): {}", periodMs,
            err.getMessage()))
        .onComplete(done -> checking = false);
  }

  /** On the worker: true when the postmaster was gone and runs again. */
  private boolean restartIfGone() {
    if (server.running()) {
      return false;
    }
    if (!down) {
      down = true;
      log.error("Embedded PostgreSQL (port {}) is gone: restarting it", server.port());
      vertx.eventBus().publish(Addresses.DATABASE_STATUS, new JsonObject().put("down", true));
    }
    server.restart();
    return true;
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return worker.close();
  }
}
