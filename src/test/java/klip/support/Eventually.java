package klip.support;

import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition with a deadline instead of sleeping a fixed time: returns as soon as it holds. */
public final class Eventually {

  private Eventually() {
  }

  public static <T> T until(String what, long timeoutMs, Supplier<T> probe, Predicate<T> done) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    T last = null;
    while (System.currentTimeMillis() < deadline) {
      last = probe.get();
      if (last != null && done.test(last)) {
        return last;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
    }
    throw new AssertionError("Timed out after " + timeoutMs + " ms waiting for " + what + "; last: " + last);
  }
}
