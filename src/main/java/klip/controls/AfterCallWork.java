package klip.controls;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.phone.InterfaceNames;
import klip.tickets.TicketSummary;
import klip.tickets.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * After-call work: when an answered call ends and its ticket is not finished, the agent is paused in the queues
 * with the reason {@value AgentState#ACW_REASON}, so no new call rings while they finish it (the queue holds
 * callers meanwhile). The pause ends when the ticket is finished (answered, escalated, closed...) or after the
 * configured longest after-call work. The agent's own choice wins: an agent who was not ready or on a break when
 * the call ended is not paused for after-call work, and one who chose another state during it is not unpaused.
 * Runs on the controls verticle's event loop only.
 */
final class AfterCallWork {

  private static final Logger log = LoggerFactory.getLogger(AfterCallWork.class);
  /** Ticket statuses that still need the agent's work: the ticket is not finished. */
  private static final Set<String> OPEN = Set.of("received", "tl_discussion");

  private record Pending(String phone, long ticketId, long timerId) {
  }

  private final Vertx vertx;
  private final AgentStateBook book;
  private final Tickets tickets;
  private final long maxMs;
  /** By the base of the agent's interface: their after-call work under way. */
  private final Map<String, Pending> pending = new HashMap<>();

  AfterCallWork(Vertx vertx, AgentStateBook book, Tickets tickets, long maxMs) {
    this.vertx = vertx;
    this.book = book;
    this.tickets = tickets;
    this.maxMs = maxMs;
  }

  /** A call ended (telephony's fact): its agent starts after-call work when its ticket is still open. */
  void callEnded(JsonObject call) {
    String phone = call.getString("connectedInterface");
    if (!call.getBoolean("answered", false) || phone == null) {
      return;
    }
    tickets.ofCall(call.getString("callId")).onSuccess(ticket -> {
      if (ticket != null && OPEN.contains(ticket.status())) {
        begin(phone, ticket);
      }
    }).onFailure(err -> log.warn("After-call work of call {} not started: {}", call.getString("callId"),
        err.getMessage()));
  }

  private void begin(String phone, TicketSummary ticket) {
    AgentState now = book.of(phone).orElse(null);
    if (now != null && (now.kind() == AgentState.Kind.NOT_READY || now.kind() == AgentState.Kind.BREAK)) {
      log.info("{} already paused ({}): no after-call-work pause for ticket {}", phone, now.reason(), ticket.id());
      return;
    }
    String base = InterfaceNames.baseOfInterface(phone);
    end(base, "replaced", false);
    long timer = maxMs > 0 ? vertx.setTimer(maxMs, id -> end(base, "max_time", true)) : -1;
    pending.put(base, new Pending(phone, ticket.id(), timer));
    pause(phone, true);
  }

  /** A ticket's status changed: a finished ticket ends its agent's after-call work. */
  void ticketUpdated(JsonObject fact) {
    String status = fact.getString("status");
    Long ticketId = fact.getLong("ticketId");
    if (status == null || ticketId == null || OPEN.contains(status)) {
      return;
    }
    pending.entrySet().stream().filter(e -> e.getValue().ticketId() == ticketId).map(Map.Entry::getKey)
        .findFirst().ifPresent(base -> end(base, "finished", true));
  }

  /**
   * Ends the after-call work of the agent at {@code base}, unpausing them unless they chose another state meanwhile
   * (not ready, a break): that choice is theirs and stays.
   */
  private void end(String base, String why, boolean unpause) {
    Pending p = pending.remove(base);
    if (p == null) {
      return;
    }
    if (p.timerId() >= 0) {
      vertx.cancelTimer(p.timerId());
    }
    AgentState now = book.of(p.phone()).orElse(null);
    boolean ownChoice = now != null && (now.kind() == AgentState.Kind.NOT_READY
        || now.kind() == AgentState.Kind.BREAK);
    boolean unpaused = unpause && !ownChoice;
    if (unpaused) {
      pause(p.phone(), false);
    }
    vertx.eventBus().publish(Addresses.CONTROLS_ACW_ENDED, new JsonObject().put("interface", p.phone())
        .put("ticketId", p.ticketId()).put("why", why).put("unpaused", unpaused));
  }

  private void pause(String phone, boolean paused) {
    vertx.eventBus().request(Addresses.MEMBER_PAUSE, new JsonObject().put("interface", phone).put("paused", paused)
            .put("reason", paused ? AgentState.ACW_REASON : null))
        .onFailure(err -> log.warn("After-call-work {} of {} not carried out: {}", paused ? "pause" : "unpause",
            phone, err.getMessage()));
  }
}
