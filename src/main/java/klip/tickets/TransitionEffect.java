package klip.tickets;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * What another capability does when a ticket enters a status: {@link #inTransaction} runs in the same
 * PostgreSQL transaction as the status change (so an escalation's outbox row commits or rolls back with
 * it); {@link #afterCommit} runs once the change is durable.
 */
public interface TransitionEffect {

  Future<Void> inTransaction(SqlConnection conn, TicketChange change);

  default void afterCommit(TicketChange change) {
  }
}
