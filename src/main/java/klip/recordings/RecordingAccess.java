package klip.recordings;

import io.vertx.core.Future;
import klip.access.Principal;
import klip.access.Roles;
import klip.identity.Teams;
import klip.tickets.Tickets;
import klip.http.ApiError;

/**
 * Who may see which ticket's recordings, on top of the route table: quality assessors and admins every one,
 * a team leader their team's, an agent their own (to hear a call they dispute).
 */
public final class RecordingAccess {

  private final Tickets tickets;
  private final Teams teams;

  public RecordingAccess(Tickets tickets, Teams teams) {
    this.tickets = tickets;
    this.teams = teams;
  }

  public Future<Void> check(Principal who, Long ticketId) {
    if (who.hasRole(Roles.QUALITY_ASSESSOR) || who.hasRole(Roles.ADMIN)) {
      return Future.succeededFuture();
    }
    if (ticketId == null) {
      return Future.failedFuture(ApiError.forbidden("Rekaman ini tidak terkait tiket Anda"));
    }
    return tickets.byId(ticketId).compose(ticket -> {
      String agent = ticket == null ? null : ticket.agent();
      Future<String> team = agent == null ? Future.succeededFuture(null) : teams.teamOf(agent);
      return team.map(agentTeam -> {
        boolean own = ticket != null && who.username().equals(agent);
        boolean ofTeam = ticket != null && who.hasRole(Roles.TEAM_LEADER) && who.team() != null
            && who.team().equals(agentTeam);
        if (!own && !ofTeam) {
          throw ApiError.forbidden("Rekaman ini bukan milik Anda atau tim Anda");
        }
        return null;
      });
    });
  }
}
