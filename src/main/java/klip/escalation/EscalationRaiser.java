package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.tickets.TicketChange;
import klip.tickets.TransitionEffect;
import klip.http.ApiError;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Entering 'escalated': writes the escalation and its outbox row in the ticket change's own transaction, so
 * either both the status and the message to the desk are durable or neither is; after commit it only nudges
 * the publisher, which would find the row on its next poll anyway.
 */
final class EscalationRaiser implements TransitionEffect {

  private final EventBus bus;
  private final Supplier<WorkingCalendar> calendar;

  EscalationRaiser(EventBus bus, Supplier<WorkingCalendar> calendar) {
    this.bus = bus;
    this.calendar = calendar;
  }

  @Override
  public Future<Void> inTransaction(SqlConnection conn, TicketChange change) {
    JsonObject ticket = change.ticketBefore();
    String recorded = ticket.getString("question");
    // The question as recorded on the ticket; without one, the escalation note stands in for it.
    String question = recorded == null || recorded.isBlank() ? change.transition().note() : recorded;
    if (question == null || question.isBlank()) {
      return Future.failedFuture(ApiError.badRequest("Catat pertanyaan wajib pajak sebelum eskalasi"));
    }
    UUID id = UUID.randomUUID();
    OffsetDateTime receivedAt = OffsetDateTime.parse(ticket.getString("createdAt"));
    Instant deadline = calendar.get().deadlineFor(receivedAt.toInstant());
    OffsetDateTime deadlineAt = OffsetDateTime.ofInstant(deadline, ZoneOffset.UTC);
    JsonObject message = new JsonObject().put("escalationId", id.toString()).put("ticketId", change.ticketId())
        .put("agent", change.agent()).put("raisedBy", change.actor().username())
        .put("raisedAt", change.at().toInstant().toString()).put("question", question)
        .put("reason", change.transition().note()).put("callerNumber", ticket.getString("callerNumber"))
        .put("application", ticket.getString("application")).put("deadlineAt", deadline.toString());
    return conn.preparedQuery(EscalationQueries.INSERT)
        .execute(Tuple.from(new Object[] {id, change.ticketId(), change.agent(), change.actor().username(),
            change.at(), question, change.transition().note(), receivedAt, deadlineAt}))
        .compose(v -> conn.preparedQuery(EscalationQueries.OUTBOX_ADD)
            .execute(Tuple.of(Addresses.ESCALATION_RAISED, id.toString(), message)))
        .mapEmpty();
  }

  @Override
  public void afterCommit(TicketChange change) {
    bus.send(Addresses.OUTBOX_KICK, change.ticketId());
  }
}
