package klip.tickets;

import io.vertx.core.Future;
import klip.access.Principal;
import klip.access.Roles;
import klip.identity.Teams;
import klip.http.ApiError;

/**
 * Who may read one ticket, beyond the route's role: an agent their own tickets; a team leader the tickets of
 * their team's agents, and any ticket whose team-leader discussion was addressed or escalated to them (the
 * next team leader on duty may be from another team). Other roles are limited by the access table alone.
 */
public final class TicketAccess {

  private final Teams teams;
  private final TicketDiscussions discussions;

  public TicketAccess(Teams teams, TicketDiscussions discussions) {
    this.teams = teams;
    this.discussions = discussions;
  }

  public Future<Void> requireVisible(Principal me, long ticketId, String ticketAgent) {
    if (me.hasRole(Roles.AGENT)) {
      return me.username().equals(ticketAgent) ? Future.succeededFuture()
          : Future.failedFuture(ApiError.forbidden("Tiket ini bukan milik Anda"));
    }
    if (!me.hasRole(Roles.TEAM_LEADER)) {
      return Future.succeededFuture();
    }
    Future<String> agentTeam = ticketAgent == null ? Future.succeededFuture(null) : teams.teamOf(ticketAgent);
    return agentTeam
        .compose(team -> me.team() != null && me.team().equals(team) ? Future.succeededFuture(true)
            : discussions.involves(ticketId, me.username()))
        .compose(visible -> visible ? Future.<Void>succeededFuture()
            : Future.failedFuture(ApiError.forbidden("Tiket ini milik tim lain")));
  }
}
