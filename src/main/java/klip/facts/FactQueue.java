package klip.facts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Applies one consumer's call facts: the facts of one call strictly one after the other, different calls side by
 * side, and a fact that fails because the database is away (or restarting, or overloaded) tried again, with a
 * growing pause, until it is applied. Only a fact the database refuses for what it says (a constraint, a value it
 * cannot store) is logged and skipped, so that one bad fact cannot hold its call's later facts forever.
 *
 * <p>Confined to the owning verticle's event loop: {@link #submit} must be called there.
 */
public final class FactQueue {

  private static final Logger log = LoggerFactory.getLogger(FactQueue.class);
  private static final long FIRST_RETRY_MS = 100;
  private static final long MAX_RETRY_MS = 5_000;

  private final Vertx vertx;
  private final Backlog backlog;
  private final Map<String, ArrayDeque<Supplier<Future<?>>>> byCall = new HashMap<>();
  private long retryMs = FIRST_RETRY_MS;
  private boolean failing;

  public FactQueue(Vertx vertx, Backlog backlog) {
    this.vertx = vertx;
    this.backlog = backlog;
  }

  /** Queues {@code work} after every earlier fact of the same call; it starts at once when there is none. */
  public void submit(String callId, Supplier<Future<?>> work) {
    backlog.added();
    ArrayDeque<Supplier<Future<?>>> queue = byCall.get(callId);
    if (queue != null) {
      queue.add(work);
      return;
    }
    queue = new ArrayDeque<>();
    queue.add(work);
    byCall.put(callId, queue);
    run(callId, queue);
  }

  /** Whether facts of this call are still waiting (a reconciliation leaves such calls to their own facts). */
  public boolean hasPending(String callId) {
    return byCall.containsKey(callId);
  }

  public Backlog backlog() {
    return backlog;
  }

  private void run(String callId, ArrayDeque<Supplier<Future<?>>> queue) {
    Future<?> attempt;
    try {
      attempt = queue.peek().get();
    } catch (RuntimeException e) {
      attempt = Future.failedFuture(e);
    }
    attempt.onComplete(ar -> {
      if (ar.failed() && Failures.transientFailure(ar.cause())) {
        retryLater(callId, queue, ar.cause());
        return;
      }
      if (ar.failed() && ar.cause() instanceof WriteFence.FencedOut) {
        log.warn("{}: a fact of call {} is not applied: another node owns the AMI connection now and reads the call "
            + "from Asterisk itself", backlog.consumer(), callId);
      } else if (ar.failed()) {
        log.error("{}: a fact of call {} cannot be applied and is skipped", backlog.consumer(), callId, ar.cause());
      } else if (failing) {
        failing = false;
        retryMs = FIRST_RETRY_MS;
        log.info("{}: applying call facts again ({} waiting)", backlog.consumer(), backlog.pending() - 1);
      }
      queue.poll();
      backlog.done(ar.succeeded());
      if (queue.isEmpty()) {
        byCall.remove(callId);
      } else {
        run(callId, queue);
      }
    });
  }

  private void retryLater(String callId, ArrayDeque<Supplier<Future<?>>> queue, Throwable cause) {
    backlog.failed(cause.toString());
    if (!failing) {
      failing = true;
      log.warn("{}: a fact of call {} could not be applied ({}); retrying until it is", backlog.consumer(), callId,
          cause.toString());
    }
    long delay = retryMs;
    retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
    vertx.setTimer(delay, id -> run(callId, queue));
  }
}
