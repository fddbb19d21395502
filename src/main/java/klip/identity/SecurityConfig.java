package klip.identity;

import klip.config.Settings;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sign-in and session settings, parsed once from {@link Settings} (keys in the README's table).
 *
 * @param sessionIdleMs     a session not used for this long is gone (an open agent desktop counts as use)
 * @param sessionMaxMs      a session older than this is gone, however busy
 * @param cookieSecure      "true", "false" or "auto" (Secure when the request came over TLS, directly or
 *                          through a trusted proxy's X-Forwarded-Proto)
 * @param trustedProxies    addresses whose X-Forwarded-For / X-Forwarded-Proto are believed
 * @param maxFailures       failed sign-ins for one user name before it is locked for {@code lockMs}
 * @param maxFailuresPerAddress failed sign-ins from one address before that address is locked
 * @param adminUsername     the administrator created from {@code KLIP_ADMIN_PASSWORD} outside demo mode
 * @param adminPassword     null when not set
 */
public record SecurityConfig(long sessionIdleMs, long sessionMaxMs, String cookieSecure, Set<String> trustedProxies,
                             int maxFailures, int maxFailuresPerAddress, long lockMs, String adminUsername,
                             String adminPassword) {

  public static SecurityConfig from(Settings s) {
    String cookieSecure = s.string("KLIP_COOKIE_SECURE", "auto").toLowerCase();
    if (!Set.of("auto", "true", "false").contains(cookieSecure)) {
      throw new IllegalStateException("KLIP_COOKIE_SECURE must be auto, true or false, got '" + cookieSecure + "'");
    }
    Set<String> proxies = Arrays.stream(s.string("KLIP_TRUSTED_PROXIES", "").split(","))
        .map(String::trim).filter(p -> !p.isEmpty()).collect(Collectors.toUnmodifiableSet());
    String adminPassword = s.string("KLIP_ADMIN_PASSWORD", "");
    return new SecurityConfig(positive(s, "KLIP_SESSION_IDLE_MS"), positive(s, "KLIP_SESSION_MAX_MS"), cookieSecure,
        proxies, (int) positive(s, "KLIP_LOGIN_MAX_FAILURES"), (int) positive(s, "KLIP_LOGIN_MAX_FAILURES_PER_ADDRESS"),
        positive(s, "KLIP_LOGIN_LOCK_MS"), s.string("KLIP_ADMIN_USERNAME", "admin"),
        adminPassword.isEmpty() ? null : adminPassword);
  }

  private static long positive(Settings s, String key) {
    long value = s.longValue(key);
    if (value <= 0) {
      throw new IllegalStateException("Setting " + key + " must be positive, got " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    // Never print the administrator's password, whatever logs this record.
    return "SecurityConfig[idle=" + sessionIdleMs + "ms, max=" + sessionMaxMs + "ms, cookieSecure=" + cookieSecure
        + ", trustedProxies=" + trustedProxies + ", maxFailures=" + maxFailures + "/" + maxFailuresPerAddress
        + ", lockMs=" + lockMs + ", admin=" + adminUsername + "]";
  }
}
