package klip.tickets;

import java.time.LocalDate;
import java.util.Collection;

/**
 * Filters of a ticket search; every one optional (null = any).
 *
 * @param from, to     Jakarta calendar days, both included
 * @param agents       only tickets of these agents (a team's members); empty finds nothing
 * @param outcome      a ticket status or a call status
 * @param taxpayer     an NPWP or NIK
 * @param phone        the caller's normalised number
 */
public record TicketSearch(LocalDate from, LocalDate to, String agent, Collection<String> agents,
                           String application, String outcome, String taxpayer, String phone, int limit) {
}
