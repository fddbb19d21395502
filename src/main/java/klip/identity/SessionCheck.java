package klip.identity;

import io.vertx.core.Future;
import klip.access.Principal;

/**
 * One bridge socket's view of its session. Reading a stored session copies it, and a socket checks its session
 * for every message it is sent, so the answer is kept: until the earliest moment the session can end by itself
 * (idle or age limit, as of the check), until any sign-out, or until the directory changes the user (deactivated,
 * new role or team), whichever comes first, and never longer than {@link #RECHECK_MS}. A signed-out, expired or
 * deactivated session therefore still stops receiving at once.
 *
 * <p>Also paces the socket's keep-alive: its pings (every 10 s) rewrite the stored session at most once per
 * {@link Sessions#bridgeTouchEveryMs()}, at a phase of the socket's own, because in a cluster each rewrite is a read
 * and a write in the shared store and desktops that reconnected together ping together: a thousand rewrites at the
 * same instant queue the pops' own session reads behind them.
 *
 * <p>Confined to the socket's event loop.
 */
public final class SessionCheck {

  /** The longest an answer is trusted without asking the store again. */
  static final long RECHECK_MS = 5_000;

  /** A valid session's principal, until when it cannot have ended by itself, and the sign-outs counted before. */
  record Valid(Principal principal, long untilMillis, long signOuts) {
  }

  private final Sessions sessions;
  private final String sessionId;
  private Valid valid;
  private long checkedAt;
  private long touchDueAt;

  SessionCheck(Sessions sessions, String sessionId) {
    this.sessions = sessions;
    this.sessionId = sessionId;
    // The socket was just opened through the session handler, which stored the session as used.
    long every = sessions.bridgeTouchEveryMs();
    this.touchDueAt = System.currentTimeMillis() + java.util.concurrent.ThreadLocalRandom.current().nextLong(every + 1);
  }

  /** Keeps the session from idling out, when this socket's turn to rewrite it has come; see the class comment. */
  public Future<Void> keepAlive() {
    long now = System.currentTimeMillis();
    if (now < touchDueAt) {
      return Future.succeededFuture();
    }
    touchDueAt = now + sessions.bridgeTouchEveryMs();
    return sessions.touch(sessionId);
  }

  /** The session's valid principal now, or null (no session, signed out, expired, deactivated). */
  public Future<Principal> principal() {
    long now = System.currentTimeMillis();
    Valid known = valid;
    if (known != null && now < known.untilMillis() && now - checkedAt < RECHECK_MS
        && known.signOuts() == sessions.signOuts() && sessions.stillCurrent(known.principal())) {
      return Future.succeededFuture(known.principal());
    }
    valid = null;
    if (sessionId == null) {
      return Future.succeededFuture(null);
    }
    return sessions.validity(sessionId).map(found -> {
      valid = found;
      checkedAt = now;
      return found == null ? null : found.principal();
    });
  }
}
