package klip.sikp;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import klip.async.RerunWhenBusy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the discussion answers waiting in {@code sikp_unanswered} (written by {@link AnswerIntake} with the answer
 * itself) into drafts for the QA section's review queue, oldest first, a draft once per ticket. The SIKP verticle
 * runs it after each answered ticket, at start and every minute, so one missed run is made up by the next. Used
 * from the verticle's context only.
 */
final class AnswerDrafts {
  private static final Logger log = LoggerFactory.getLogger(AnswerDrafts.class);
  private static final int PENDING_BATCH = 50;

  private final ArticleStore store;
  private final UnansweredQuestions unanswered;
  /** One run at a time; asked meanwhile, or after a full batch, it runs once more. */
  private final RerunWhenBusy runs = new RerunWhenBusy(this::draftBatch);

  AnswerDrafts(ArticleStore store) {
    this.store = store;
    this.unanswered = store.unanswered();
  }

  void run() {
    runs.run();
  }

  /** One batch; true when it was full, so the next batch follows at once. */
  private Future<Boolean> draftBatch() {
    return unanswered.pendingDrafts(PENDING_BATCH).compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row r : rows) {
        long ticketId = r.getLong("ticket_id");
        chain = chain.compose(v -> store.draftFromTicket(ticketId, r.getString("application"),
                r.getString("question"), r.getString("answer"), String.valueOf(r.getString("actor")))
            .compose(id -> unanswered.markDrafted(ticketId).map(id))
            .onSuccess(id -> log.info("Ticket {}: discussion answer queued for SIKP review as {}", ticketId, id))
            .mapEmpty());
      }
      return chain.map(v -> rows.size() == PENDING_BATCH);
    }).onFailure(e -> log.error("Cannot queue discussion answers for SIKP review (retried in a minute)", e));
  }
}
