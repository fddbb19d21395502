package klip.tickets;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

/**
 * The tickets capability as the other capabilities see it. Tickets own the {@code tickets}, {@code ticket_events}
 * (the timeline), {@code taxpayers} and related tables: others read through these methods and send the timeline
 * their facts here, so the timeline has one writer. Every method runs its own statement on the pool.
 */
public interface Tickets {

  /** The ticket, or null when there is none. */
  Future<TicketSummary> byId(long ticketId);

  /** The ticket of a call (its Asterisk Linkedid), or null when the call has none. */
  Future<TicketSummary> ofCall(String callId);

  /** The tickets of these calls that exist, in no particular order. */
  Future<List<TicketSummary>> ofCalls(Collection<String> callIds);

  /** The tickets with these ids that exist, in no particular order. */
  Future<List<TicketSummary>> byIds(Collection<Long> ticketIds);

  /** Tickets matching every given filter, newest first, at most {@code search.limit()}. */
  Future<List<TicketSummary>> search(TicketSearch search);

  /**
   * Answered tickets with an agent received in the week from {@code monday} (Jakarta days), of these agents (null =
   * any), ordered by agent and then by a hash of the ticket id and {@code seed}: a repeatable random order.
   */
  Future<List<TicketSummary>> answeredInWeek(LocalDate monday, Collection<String> agents, String seed);

  /**
   * Tickets still waiting for an answer (received or in discussion, of a call that was answered) received after
   * {@code since}, oldest first, at most {@code limit}, leaving out {@code excluded}.
   */
  Future<List<TicketSummary>> awaitingAnswer(Instant since, Collection<Long> excluded, int limit);

  /** Tickets of answered calls received in [from, to), for the service-level report. */
  Future<List<HandledTicket>> handledBetween(OffsetDateTime from, OffsetDateTime to);

  /**
   * Appends a fact to a ticket's timeline.
   *
   * @param at     when it happened (null = now)
   * @param actor  who did it ('system' for the server itself)
   * @param kind   what happened, e.g. recording_linked
   */
  Future<Void> addToTimeline(long ticketId, Instant at, String actor, String kind, JsonObject detail);

  /** Appends a fact to the timeline of a call's ticket; nothing when the call has no ticket. */
  Future<Void> addToTimelineOfCall(String callId, Instant at, String actor, String kind, JsonObject detail);
}
