package klip.recordings;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Playback grants: one audited opening of a recording lets the Range requests of that playback through without a
 * database round trip each. A grant is bound to the user, the session and the recording it was issued for; it
 * expires after {@code idleMs} without a request and {@code maxMs} after it was issued, whatever its use. Grants
 * live in memory next to the sessions they are bound to (sessions are node-local too): after a restart the player
 * opens a new, newly audited playback.
 */
public final class PlaybackGrants {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** What a valid grant lets a request skip: the row, the file's size, where it is. */
  public static final class Grant {
    private final String token;
    private final long recordingId;
    private final String username;
    private final String sessionId;
    private final String path;
    private final long size;
    private final long playbackId;
    private final long expiresAtLatest;
    private volatile long expiresAt;

    private Grant(String token, long recordingId, String username, String sessionId, String path, long size,
                  long playbackId, long expiresAt, long expiresAtLatest) {
      this.token = token;
      this.recordingId = recordingId;
      this.username = username;
      this.sessionId = sessionId;
      this.path = path;
      this.size = size;
      this.playbackId = playbackId;
      this.expiresAt = expiresAt;
      this.expiresAtLatest = expiresAtLatest;
    }

    public String token() {
      return token;
    }

    public long recordingId() {
      return recordingId;
    }

    public String path() {
      return path;
    }

    public long size() {
      return size;
    }

    /** The playback_audit row this grant was issued with. */
    public long playbackId() {
      return playbackId;
    }
  }

  private final Map<String, Grant> grants = new ConcurrentHashMap<>();
  private final LongSupplier clock;
  private final long idleMs;
  private final long maxMs;

  public PlaybackGrants(long idleMs, long maxMs) {
    this(System::currentTimeMillis, idleMs, maxMs);
  }

  /** @param clock milliseconds now: tests move it to reach an expiry without waiting for one */
  PlaybackGrants(LongSupplier clock, long idleMs, long maxMs) {
    this.clock = clock;
    this.idleMs = idleMs;
    this.maxMs = maxMs;
  }

  public long idleMs() {
    return idleMs;
  }

  /** A new grant for a playback whose audit row is committed; forgets expired grants on the way. */
  public Grant issue(long recordingId, String username, String sessionId, String path, long size, long playbackId) {
    long now = clock.getAsLong();
    grants.values().removeIf(g -> expired(g, now));
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    long latest = now + maxMs;
    Grant grant = new Grant(token, recordingId, username, sessionId, path, size, playbackId,
        Math.min(now + idleMs, latest), latest);
    grants.put(token, grant);
    return grant;
  }

  /**
   * The grant, if the token names one issued to this user in this session for this recording and it has not
   * expired; null otherwise. A valid use keeps the grant alive for another {@code idleMs}.
   */
  public Grant use(String token, long recordingId, String username, String sessionId) {
    Grant g = token == null ? null : grants.get(token);
    if (g == null) {
      return null;
    }
    long now = clock.getAsLong();
    if (expired(g, now)) {
      grants.remove(token, g);
      return null;
    }
    if (g.recordingId != recordingId || !g.username.equals(username) || !g.sessionId.equals(sessionId)) {
      return null;
    }
    g.expiresAt = Math.min(now + idleMs, g.expiresAtLatest);
    return g;
  }

  /** Ends every grant of a recording (its file was found corrupt or purged). */
  public void revoke(long recordingId) {
    grants.values().removeIf(g -> g.recordingId == recordingId);
  }

  int size() {
    return grants.size();
  }

  private static boolean expired(Grant g, long now) {
    return now >= g.expiresAt;
  }
}
