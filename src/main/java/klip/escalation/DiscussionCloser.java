package klip.escalation;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import klip.tickets.TicketChange;
import klip.tickets.TransitionEffect;

/** Answering or escalating a ticket ends its open discussion (the thread stays readable). */
final class DiscussionCloser implements TransitionEffect {

  @Override
  public Future<Void> inTransaction(SqlConnection conn, TicketChange change) {
    return conn.preparedQuery(DiscussionQueries.CLOSE_FOR_TICKET).execute(Tuple.of(change.ticketId(), change.at()))
        .mapEmpty();
  }
}
