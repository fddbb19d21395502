package klip.tickets;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.identity.Principal;
import klip.identity.Roles;
import klip.web.ApiError;

/**
 * Who may read one ticket, beyond the route's role: an agent their own tickets; a team leader the tickets of
 * their team's agents, and any ticket whose team-leader discussion was addressed or escalated to them (the
 * next team leader on duty may be from another team). Other roles are limited by the access table alone.
 */
public final class TicketAccess {

  private final Pool pool;

  public TicketAccess(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> requireVisible(Principal me, long ticketId, String ticketAgent) {
    if (me.hasRole(Roles.AGENT)) {
      return me.username().equals(ticketAgent) ? Future.succeededFuture()
          : Future.failedFuture(ApiError.forbidden("Tiket ini bukan milik Anda (not your ticket)"));
    }
    if (!me.hasRole(Roles.TEAM_LEADER)) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery("""
            SELECT EXISTS (SELECT 1 FROM users u WHERE u.username = $2 AND u.team = $3)
                OR EXISTS (SELECT 1 FROM discussions d WHERE d.ticket_id = $1
                             AND (d.team_leader = $4 OR d.alerted_leader = $4)) AS visible
            """)
        .execute(Tuple.of(ticketId, ticketAgent, me.team(), me.username()))
        .compose(rows -> rows.iterator().next().getBoolean("visible") ? Future.<Void>succeededFuture()
            : Future.failedFuture(ApiError.forbidden("Tiket ini milik tim lain (another team's ticket)")));
  }
}
