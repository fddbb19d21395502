package klip.controls;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.access.Principal;
import klip.identity.AgentDirectory;
import klip.phone.InterfaceNames;
import klip.tickets.TicketSearch;
import klip.tickets.TicketSummary;
import klip.tickets.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * After-call work: when an answered call ends and its ticket is not finished, the agent is paused in the queues
 * with the reason {@value AgentState#ACW_REASON}, so no new call rings while they finish it (the queue holds
 * callers meanwhile). The pause ends when the ticket is finished (answered, escalated, closed...) or after the
 * configured longest after-call work. The agent's own choice wins: an agent who was not ready or on a break when
 * the call ended is not paused for after-call work, and one who chose another state during it is not unpaused.
 * A server that starts while the queue holds an agent paused for after-call work (it restarted during it) takes that
 * work up again from the agent's last answered ticket in PostgreSQL.
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
  private final AgentDirectory agents;
  private final long maxMs;
  /** By the base of the agent's interface: their after-call work under way. */
  private final Map<String, Pending> pending = new HashMap<>();
  /** Reads of a ticket under way to decide on after-call work (an ended call's, an agent's last one). */
  private int deciding;
  /**
   * Tickets finished while such a read was under way: the read may predate the finish, whose fact then came before
   * there was any after-call work to end. Kept until no read is under way.
   */
  private final Set<Long> finishedWhileDeciding = new HashSet<>();
  /** Agents whose after-call work, found paused in the queue, is being taken up again. */
  private final Set<String> adopting = new HashSet<>();

  AfterCallWork(Vertx vertx, AgentStateBook book, Tickets tickets, AgentDirectory agents, long maxMs) {
    this.vertx = vertx;
    this.book = book;
    this.tickets = tickets;
    this.agents = agents;
    this.maxMs = maxMs;
  }

  /** A call ended (telephony's fact): its agent starts after-call work when its ticket is still open. */
  void callEnded(JsonObject call) {
    String phone = call.getString("connectedInterface");
    if (!call.getBoolean("answered", false) || phone == null) {
      return;
    }
    deciding++;
    tickets.ofCall(call.getString("callId")).onComplete(ar -> {
      boolean finishedMeanwhile = ar.succeeded() && ar.result() != null
          && finishedWhileDeciding.contains(ar.result().id());
      if (--deciding == 0) {
        finishedWhileDeciding.clear();
      }
      if (ar.failed()) {
        log.warn("After-call work of call {} not started: {}", call.getString("callId"), ar.cause().getMessage());
      } else if (ar.result() != null && OPEN.contains(ar.result().status()) && !finishedMeanwhile) {
        begin(phone, ar.result());
      }
    });
  }

  /**
   * The queue reports the agent at {@code phone} paused for after-call work that this server does not know of: it
   * restarted during that work. The agent's last answered call decides: its ticket still open resumes the work,
   * with the limit counted from the call's end; otherwise the agent is unpaused now.
   */
  void pausedUnknown(String phone) {
    String base = InterfaceNames.baseOfInterface(phone);
    if (pending.containsKey(base) || !adopting.add(base)) {
      return;
    }
    String agent = agents.byInterface(phone).map(Principal::username).orElse(null);
    Future<TicketSummary> last = agent == null ? Future.succeededFuture() : tickets.search(new TicketSearch(null,
            null, agent, null, null, null, null, null, 20))
        .map(list -> list.stream().filter(t -> t.answeredAt() != null && t.endedAt() != null)
            .max(Comparator.comparing(TicketSummary::endedAt)).orElse(null));
    deciding++;
    last.onComplete(ar -> {
      adopting.remove(base);
      boolean finishedMeanwhile = ar.succeeded() && ar.result() != null
          && finishedWhileDeciding.contains(ar.result().id());
      if (--deciding == 0) {
        finishedWhileDeciding.clear();
      }
      boolean stillAcw = book.of(phone).map(s -> s.kind() == AgentState.Kind.AFTER_CALL_WORK).orElse(false);
      if (ar.failed() || pending.containsKey(base) || !stillAcw) {
        if (ar.failed()) {
          log.warn("After-call work of {} not taken up after the restart: {}", phone, ar.cause().getMessage());
        }
        return;
      }
      TicketSummary ticket = ar.result();
      boolean open = ticket != null && OPEN.contains(ticket.status()) && !finishedMeanwhile;
      long left = ticket == null ? 0
          : ticket.endedAt().toInstant().toEpochMilli() + maxMs - System.currentTimeMillis();
      if (open && (maxMs <= 0 || left > 0)) {
        log.info("{} paused for after-call work of ticket {} before the restart: resumed", phone, ticket.id());
        start(phone, ticket.id(), maxMs <= 0 ? -1 : left);
        return;
      }
      // Nothing left to wait for: end it as it would have ended had the server been running.
      pending.put(base, new Pending(phone, ticket == null ? -1 : ticket.id(), -1));
      end(base, open ? "max_time" : "finished", true);
    });
  }

  private void begin(String phone, TicketSummary ticket) {
    AgentState now = book.of(phone).orElse(null);
    if (now != null && (now.kind() == AgentState.Kind.NOT_READY || now.kind() == AgentState.Kind.BREAK)) {
      log.info("{} already paused ({}): no after-call-work pause for ticket {}", phone, now.reason(), ticket.id());
      return;
    }
    end(InterfaceNames.baseOfInterface(phone), "replaced", false);
    start(phone, ticket.id(), maxMs > 0 ? maxMs : -1);
    pause(phone, true);
  }

  /** Starts waiting for the ticket to be finished, at most {@code limitMs} (negative: no limit). */
  private void start(String phone, long ticketId, long limitMs) {
    String base = InterfaceNames.baseOfInterface(phone);
    long timer = limitMs >= 0 ? vertx.setTimer(Math.max(1, limitMs), id -> end(base, "max_time", true)) : -1;
    pending.put(base, new Pending(phone, ticketId, timer));
  }

  /** A ticket's status changed: a finished ticket ends its agent's after-call work. */
  void ticketUpdated(JsonObject fact) {
    String status = fact.getString("status");
    Long ticketId = fact.getLong("ticketId");
    if (status == null || ticketId == null || OPEN.contains(status)) {
      return;
    }
    if (deciding > 0) {
      finishedWhileDeciding.add(ticketId);
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
