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

/**
 * Entering 'directorate_answered': the escalation is closed with the answer in the same transaction, and
 * after commit the answer is pushed live to the ticket's agent (who calls the taxpayer back) and the desk.
 */
final class HandBack implements TransitionEffect {

  private final EventBus bus;

  HandBack(EventBus bus) {
    this.bus = bus;
  }

  @Override
  public Future<Void> inTransaction(SqlConnection conn, TicketChange change) {
    return conn.preparedQuery(EscalationQueries.ANSWERED)
        .execute(Tuple.of(change.ticketId(), change.transition().answer(), change.actor().username(), change.at()))
        .map(rows -> {
          if (!rows.iterator().hasNext()) {
            throw ApiError.conflict("Tiket " + change.ticketId() + " tidak memiliki eskalasi");
          }
          return null;
        });
  }

  @Override
  public void afterCommit(TicketChange change) {
    JsonObject fact = change.toJson().put("type", "directorate_answer").put("answer", change.transition().answer());
    if (change.agent() != null) {
      bus.publish(Addresses.agentPops(change.agent()), fact);
    }
    bus.publish(Addresses.ESCALATION_DESK, fact.copy().put("type", "answered"));
  }
}
