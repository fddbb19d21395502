package klip.sikp;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import klip.tickets.TicketChange;
import klip.tickets.TransitionEffect;

/**
 * SOP step 4, made durable: an answer is recorded in the same PostgreSQL transaction that answers the
 * ticket. An answer taken from an article links the ticket's question to it ({@link AnsweredQuestions}:
 * how callers put that need). An answer not taken from SIKP is recorded as a gap. A discussion answer then waits, with its text, until
 * {@link SikpVerticle} has turned it into a draft for the QA section's review queue, so a crash
 * or a lost event between the two loses nothing. The insert never conflicts (one row per ticket,
 * later answers ignored), so it cannot make answering a ticket fail.
 */
public final class AnswerIntake implements TransitionEffect {
  private static final String FROM_SIKP = "sikp";

  @Override
  public Future<Void> inTransaction(SqlConnection conn, TicketChange change) {
    String source = change.transition().storedSource();
    String question = change.ticketBefore().getString("question");
    if (question == null || question.isBlank()) {
      return Future.succeededFuture();
    }
    if (FROM_SIKP.equals(source)) {
      Long article = change.transition().articleId();
      return article == null ? Future.succeededFuture()
          : AnsweredQuestions.record(conn, change.ticketId(), article, question);
    }
    return UnansweredQuestions.record(conn, change.ticketId(), question,
        change.ticketBefore().getString("application"), String.valueOf(source),
        change.transition().answer(), change.actor().username());
  }
}
