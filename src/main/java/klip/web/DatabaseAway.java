package klip.web;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Set;

/**
 * Recognises a failure that means "PostgreSQL is not there right now" (refused or dropped connections, a server
 * shutting down or still recovering) anywhere in a cause chain, so the API answers 503 with Retry-After instead
 * of a 500: the request was fine, the client should repeat it once the database is back.
 */
final class DatabaseAway {

  static final String RETRY_AFTER_SECONDS = "5";

  /** admin_shutdown, crash_shutdown, cannot_connect_now (starting up, shutting down, in recovery). */
  private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03");

  private DatabaseAway() {
  }

  static boolean explains(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      // A connection reset is how a PostgreSQL killed mid-statement often shows first, before the pool sees it closed.
      if (t instanceof ConnectException || t instanceof ClosedConnectionException || isReset(t)) {
        return true;
      }
      if (t instanceof PgException pg && pg.getSqlState() != null
          && (pg.getSqlState().startsWith("08") || UNAVAILABLE_STATES.contains(pg.getSqlState()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The JDK's sockets say "Connection reset" in a SocketException; Netty's native epoll transport, which the SQL
   * client uses on Linux, says "recvAddress(..) failed with error(-104): Connection reset by peer" in a plain
   * IOException (Errors.NativeIoException).
   */
  private static boolean isReset(Throwable t) {
    return t instanceof IOException && t.getMessage() != null && t.getMessage().contains("Connection reset");
  }
}
