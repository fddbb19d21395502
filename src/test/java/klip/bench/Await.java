package klip.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for a condition with a deadline, checked on a Vert.x timer: the harness never sleeps blindly. */
final class Await {

  private Await() {
  }

  /** Blocks the calling (non-Vert.x) thread until the future completes; fails after the timeout. */
  static <T> T result(Future<T> future, Duration timeout) {
    try {
      return future.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** True once {@code condition} (cheap, non-blocking) holds; false if the timeout passed first. */
  static boolean until(Vertx vertx, Duration timeout, BooleanSupplier condition) {
    return until(vertx, timeout, 5, condition);
  }

  /** As above, checking every {@code intervalMs}. */
  static boolean until(Vertx vertx, Duration timeout, long intervalMs, BooleanSupplier condition) {
    return untilAsync(vertx, timeout, intervalMs, () -> Future.succeededFuture(condition.getAsBoolean()));
  }

  /** As {@link #until}, for a check that itself is asynchronous (a query); checks never overlap. */
  static boolean untilAsync(Vertx vertx, Duration timeout, Supplier<Future<Boolean>> check) {
    return untilAsync(vertx, timeout, 5, check);
  }

  static boolean untilAsync(Vertx vertx, Duration timeout, long intervalMs, Supplier<Future<Boolean>> check) {
    Promise<Boolean> done = Promise.promise();
    long deadline = System.nanoTime() + timeout.toNanos();
    vertx.runOnContext(v -> poll(vertx, check, intervalMs, deadline, done));
    return result(done.future(), timeout.plusSeconds(10));
  }

  private static void poll(Vertx vertx, Supplier<Future<Boolean>> check, long intervalMs, long deadline,
                           Promise<Boolean> done) {
    check.get().onComplete(ar -> {
      if (ar.succeeded() && ar.result()) {
        done.complete(true);
      } else if (System.nanoTime() > deadline) {
        done.complete(false);
      } else {
        vertx.setTimer(intervalMs, id -> poll(vertx, check, intervalMs, deadline, done));
      }
    });
  }
}
