package klip.tickets;

import io.vertx.core.Future;

/**
 * Who a ticket was discussed with, asked of the capability that keeps team-leader discussions (escalation), so
 * tickets can let a team leader of another team read a ticket they were asked about without reading its tables.
 */
public interface TicketDiscussions {

  /** Whether the ticket's discussion was addressed, or escalated as unanswered, to this team leader. */
  Future<Boolean> involves(long ticketId, String teamLeader);
}
