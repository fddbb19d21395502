package klip.recordings;

import java.nio.channels.FileChannel;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Playback grants: one audited opening of a recording lets the Range requests of that playback through without a
 * database round trip each. A grant is bound to the user, the session and the recording it was issued for; it
 * expires after {@code idleMs} without a request and {@code maxMs} after it was issued, whatever its use. Grants
 * live in memory next to the sessions they are bound to (sessions are node-local too): after a restart the player
 * opens a new, newly audited playback.
 *
 * <p>A grant holds its recording's file open, opened with the playback, so that a seek costs no open, lookup or
 * close of the file. The file is closed once the grant has ended (expired, revoked) and no answer is still being
 * sent from it: an ended grant serves no new request, but an answer under way is not cut off. Grants hold at most
 * {@link #MAX_OPEN_FILES} files open together (a client opening playback after playback must not run the server out
 * of file descriptors); a grant issued beyond that holds none, and its answers open the file by its path.
 */
public final class PlaybackGrants {

  private static final SecureRandom RANDOM = new SecureRandom();
  /** Far above what a floor of assessors keeps open in an idle period, far below the process's descriptor limit. */
  static final int MAX_OPEN_FILES = 1_000;

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
    private final FileChannel file;
    private final Consumer<FileChannel> closer;
    private final AtomicInteger sending = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean ended;

    private Grant(String token, long recordingId, String username, String sessionId, String path, long size,
                  long playbackId, long expiresAt, long expiresAtLatest, FileChannel file,
                  Consumer<FileChannel> closer) {
      this.file = file;
      this.closer = closer;
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

    /** Whether the grant was issued holding its file open (otherwise each answer opens the file by its path). */
    public boolean holdsFile() {
      return file != null;
    }

    /**
     * The open file to send an answer from, or null once the grant has ended (or was issued without one). Each
     * file handed out must be given back with {@link #release()} when its answer is sent or has failed.
     */
    public FileChannel acquire() {
      if (file == null) {
        return null;
      }
      sending.incrementAndGet();
      if (ended) {
        release();
        return null;
      }
      return file;
    }

    /** An answer from {@link #acquire()}'s file is over: the file closes if it was the last of an ended grant. */
    public void release() {
      if (sending.decrementAndGet() == 0 && ended) {
        close();
      }
    }

    /** Whether the grant's file has been closed (ended, nothing being sent). */
    boolean fileClosed() {
      return closed.get();
    }

    private void end() {
      ended = true;
      if (sending.get() == 0) {
        close();
      }
    }

    private void close() {
      if (file != null && closed.compareAndSet(false, true)) {
        closer.accept(file);
      }
    }
  }

  private final Map<String, Grant> grants = new ConcurrentHashMap<>();
  private final LongSupplier clock;
  private final long idleMs;
  private final long maxMs;
  private final Consumer<FileChannel> closer;
  private final Consumer<FileChannel> grantCloser;
  private final AtomicInteger openFiles = new AtomicInteger();
  private final int maxOpenFiles;

  /** @param closer closes a grant's file off the event loop (a file operation) */
  public PlaybackGrants(long idleMs, long maxMs, Consumer<FileChannel> closer) {
    this(System::currentTimeMillis, idleMs, maxMs, closer, MAX_OPEN_FILES);
  }

  /** @param clock milliseconds now: tests move it to reach an expiry without waiting for one */
  PlaybackGrants(LongSupplier clock, long idleMs, long maxMs, Consumer<FileChannel> closer, int maxOpenFiles) {
    this.clock = clock;
    this.idleMs = idleMs;
    this.maxMs = maxMs;
    this.closer = closer;
    this.maxOpenFiles = maxOpenFiles;
    this.grantCloser = file -> {
      openFiles.decrementAndGet();
      closer.accept(file);
    };
  }

  /** Closes a file opened for a playback that was then refused (its audit could not be written). */
  public void discard(FileChannel file) {
    closer.accept(file);
  }

  public long idleMs() {
    return idleMs;
  }

  /**
   * A new grant for a playback whose audit row is committed, holding its file open (null: none, each answer opens
   * the file by its path); forgets expired grants on the way.
   */
  public Grant issue(long recordingId, String username, String sessionId, String path, long size, long playbackId,
                     FileChannel file) {
    long now = clock.getAsLong();
    grants.values().removeIf(g -> expired(g, now) && ending(g));
    if (file != null && openFiles.incrementAndGet() > maxOpenFiles) {
      openFiles.decrementAndGet();
      closer.accept(file);
      file = null;
    }
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    long latest = now + maxMs;
    Grant grant = new Grant(token, recordingId, username, sessionId, path, size, playbackId,
        Math.min(now + idleMs, latest), latest, file, grantCloser);
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
      if (grants.remove(token, g)) {
        g.end();
      }
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
    grants.values().removeIf(g -> g.recordingId == recordingId && ending(g));
  }

  /** Forgets grants that have expired (and closes their files): called now and then, not only on an issue. */
  public void sweep() {
    long now = clock.getAsLong();
    grants.values().removeIf(g -> expired(g, now) && ending(g));
  }

  /** Ends a grant that is being forgotten (its file closes when nothing is sent from it): true, to forget it. */
  private static boolean ending(Grant g) {
    g.end();
    return true;
  }

  int size() {
    return grants.size();
  }

  private static boolean expired(Grant g, long now) {
    return now >= g.expiresAt;
  }
}
