package klip.recordings;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import klip.identity.Principal;
import klip.identity.Roles;
import klip.web.ApiError;

/**
 * Who may see which ticket's recordings, on top of the route table: quality assessors and admins every one,
 * a team leader their team's, an agent their own (to hear a call they dispute).
 */
public final class RecordingAccess {

  private final Pool pool;

  public RecordingAccess(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> check(Principal who, Long ticketId) {
    if (who.hasRole(Roles.QUALITY_ASSESSOR) || who.hasRole(Roles.ADMIN)) {
      return Future.succeededFuture();
    }
    if (ticketId == null) {
      return Future.failedFuture(ApiError.forbidden("Rekaman ini tidak terkait tiket Anda (not your recording)"));
    }
    return pool.preparedQuery(RecordingQueries.TICKET_OWNER).execute(Tuple.of(ticketId)).map(rows -> {
      Row r = rows.iterator().hasNext() ? rows.iterator().next() : null;
      boolean own = r != null && who.username().equals(r.getString("agent_username"));
      boolean team = r != null && who.hasRole(Roles.TEAM_LEADER) && who.team() != null
          && who.team().equals(r.getString("team"));
      if (!own && !team) {
        throw ApiError.forbidden("Rekaman ini bukan milik Anda atau tim Anda (not your recording)");
      }
      return null;
    });
  }
}
