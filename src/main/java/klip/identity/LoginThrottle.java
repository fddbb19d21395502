package klip.identity;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Lock-out after repeated failed sign-ins, per user name and per client address. Counted by the name as typed,
 * whether or not such a user exists, so a lock-out says nothing about who has an account. Kept in memory: a
 * restart forgives, and each node of a cluster counts on its own (the per-address limit still bounds guessing).
 */
public final class LoginThrottle {

  private static final int MAX_TRACKED = 50_000;

  private final int maxPerUser;
  private final int maxPerAddress;
  private final long lockMs;
  private final LongSupplier clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  private static final class Failures {
    int count;
    long firstAt;
    long lockedUntil;
  }

  public LoginThrottle(int maxPerUser, int maxPerAddress, long lockMs, LongSupplier clock) {
    this.maxPerUser = maxPerUser;
    this.maxPerAddress = maxPerAddress;
    this.lockMs = lockMs;
    this.clock = clock;
  }

  public static LoginThrottle from(SecurityConfig config) {
    return new LoginThrottle(config.maxFailures(), config.maxFailuresPerAddress(), config.lockMs(),
        System::currentTimeMillis);
  }

  /** Milliseconds until this user name or address may try again; 0 when not locked. */
  public long lockedFor(String username, String address) {
    long now = clock.getAsLong();
    return Math.max(remaining(userKey(username), now), remaining(addressKey(address), now));
  }

  /** Counts a failure; returns true when it just locked the user name or the address. */
  public boolean failed(String username, String address) {
    long now = clock.getAsLong();
    if (failures.size() > MAX_TRACKED) {
      failures.values().removeIf(f -> f.lockedUntil < now && now - f.firstAt > lockMs);
    }
    boolean userLocked = count(userKey(username), maxPerUser, now);
    boolean addressLocked = count(addressKey(address), maxPerAddress, now);
    return userLocked || addressLocked;
  }

  /** A successful sign-in forgives the user name's failures (not the address's: it may be guessing others). */
  public void succeeded(String username) {
    failures.remove(userKey(username));
  }

  private long remaining(String key, long now) {
    Failures f = failures.get(key);
    return f == null ? 0 : Math.max(0, f.lockedUntil - now);
  }

  private boolean count(String key, int max, long now) {
    Failures f = failures.computeIfAbsent(key, k -> new Failures());
    synchronized (f) {
      if (now - f.firstAt > lockMs) {
        // Failures spread over more than one lock period do not add up.
        f.count = 0;
        f.firstAt = now;
      }
      f.count++;
      if (f.count >= max && f.lockedUntil <= now) {
        f.lockedUntil = now + lockMs;
        f.count = 0;
        f.firstAt = now;
        return true;
      }
      return false;
    }
  }

  private static String userKey(String username) {
    return "u:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
  }

  private static String addressKey(String address) {
    return "a:" + (address == null ? "" : address);
  }
}
