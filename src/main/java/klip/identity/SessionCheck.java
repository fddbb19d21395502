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

  SessionCheck(Sessions sessions, String sessionId) {
    this.sessions = sessions;
    this.sessionId = sessionId;
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
