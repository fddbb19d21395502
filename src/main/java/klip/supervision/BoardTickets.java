package klip.supervision;

import io.vertx.core.Future;
import klip.tickets.TicketSummary;
import klip.tickets.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ticket, taxpayer and application of calls on the board, read from the tickets' rows. Calls asked for while
 * a read is under way wait and go together in the next one: a burst of calls is a few reads, not one per call.
 * Confined to the supervision verticle's event loop.
 */
final class BoardTickets {

  private static final Logger log = LoggerFactory.getLogger(BoardTickets.class);

  private final Tickets tickets;
  private final Board board;
  private final Runnable changed;
  private final Set<String> waiting = new LinkedHashSet<>();
  private boolean reading;

  /** @param changed run after the board took what a read found (schedules a push) */
  BoardTickets(Tickets tickets, Board board, Runnable changed) {
    this.tickets = tickets;
    this.board = board;
    this.changed = changed;
  }

  /**
   * The call's ticket was just opened: its id is all there is to learn, as a new ticket has no taxpayer or
   * application yet (they are set later, and each such change is read again on its own news), so nothing is read.
   */
  void opened(String callId, Long ticketId) {
    if (ticketId == null) {
      read(callId);
      return;
    }
    board.find(callId).ifPresent(c -> c.ticketId = ticketId);
  }

  /** Reads this call's ticket soon: at once when no read is under way, else right after it. */
  void read(String callId) {
    waiting.add(callId);
    if (!reading) {
      readWaiting();
    }
  }

  private void readWaiting() {
    List<String> callIds = new ArrayList<>(waiting);
    waiting.clear();
    reading = true;
    refresh(callIds).onComplete(ar -> {
      reading = false;
      if (!waiting.isEmpty()) {
        readWaiting();
      }
    });
  }

  /** Reads these calls' tickets now (at start and after a resync: the whole board). */
  Future<?> refresh(List<String> callIds) {
    if (callIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return tickets.ofCalls(callIds)
        .onSuccess(found -> {
          for (TicketSummary t : found) {
            board.find(t.callId()).ifPresent(c -> {
              c.ticketId = t.id();
              c.application = t.application();
              c.taxpayerName = t.taxpayerName();
              c.taxpayerNumber = t.taxpayerNumber();
            });
          }
          changed.run();
        })
        .onFailure(err -> log.warn("Reading tickets for the board failed: {}", err.getMessage()));
  }
}
