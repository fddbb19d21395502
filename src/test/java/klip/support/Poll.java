package klip.support;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: for effects that no message announces. */
public final class Poll {

  private Poll() {
  }

  /** The last value seen; equal to {@code expected} unless the deadline passed first. */
  public static <T> T until(Supplier<T> probe, T expected, long timeoutMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    T value = probe.get();
    while (!Objects.equals(value, expected) && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
      value = probe.get();
    }
    return value;
  }
}
