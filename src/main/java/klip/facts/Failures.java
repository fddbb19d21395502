package klip.facts;

import io.vertx.core.json.DecodeException;
import io.vertx.pgclient.PgException;

/** Tells a failure worth retrying (the database away, restarting, overloaded) from one that will repeat. */
public final class Failures {

  private Failures() {
  }

  /**
   * PostgreSQL's own refusals are judged by SQLSTATE class: connection (08), serialization or deadlock (40),
   * resources (53), a database not accepting connections or a lock not available (55), operator intervention such
   * as a shutdown (57) and system errors (58) pass; the rest (a constraint, a bad value, a missing column) would
   * fail again. A failure that is not PostgreSQL's answer is the connection or
   * the pool (closed, refused, timed out) unless it is a programming error in our own code.
   */
  public static boolean transientFailure(Throwable failure) {
    if (failure instanceof PgException pg) {
      String state = pg.getSqlState();
      if (state == null || state.length() < 2) {
        return true;
      }
      return switch (state.substring(0, 2)) {
        case "08", "40", "53", "55", "57", "58" -> true;
        default -> false;
      };
    }
    return !(failure instanceof NullPointerException || failure instanceof ClassCastException
        || failure instanceof IllegalArgumentException || failure instanceof IndexOutOfBoundsException
        || failure instanceof UnsupportedOperationException || failure instanceof DecodeException
        || failure instanceof WriteFence.FencedOut);
  }
}
