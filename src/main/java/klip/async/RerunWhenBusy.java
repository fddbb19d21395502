package klip.async;

import io.vertx.core.Future;

import java.util.function.Supplier;

/**
 * Runs an asynchronous task one at a time. Asked while it runs, it runs once more when it is done, however often
 * it was asked meanwhile: a burst of triggers (notifications, kicks, answered tickets) makes one run and then one
 * more, never a queue of runs. A run whose result is {@code true} says there is more to do and runs again too.
 * Not thread-safe: use it from one context (the owning verticle's event loop), as its flags are plain fields.
 */
public final class RerunWhenBusy {

  private final Supplier<Future<Boolean>> task;
  private boolean running;
  private boolean again;

  /** @param task one run; its result says whether work is left over (a full batch), a failure that none is */
  public RerunWhenBusy(Supplier<Future<Boolean>> task) {
    this.task = task;
  }

  /** Starts a run now, or marks one to follow the run in progress. */
  public void run() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    Future<Boolean> run;
    try {
      run = task.get();
    } catch (RuntimeException e) {
      run = Future.failedFuture(e);
    }
    run.onComplete(ar -> {
      running = false;
      if (again || (ar.succeeded() && Boolean.TRUE.equals(ar.result()))) {
        run();
      }
    });
  }
}
