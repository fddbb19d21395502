package klip.sikp;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Questions answered without an SIKP article ({@code sikp_unanswered}): the knowledge-gap report, and the
 * discussion answers waiting to become drafts in the QA section's review queue ({@link AnswerDrafts}).
 */
final class UnansweredQuestions {

  private final Pool pool;

  UnansweredQuestions(Pool pool) {
    this.pool = pool;
  }

  /**
   * Records an answer not taken from SIKP (for the knowledge-gap report and, from a discussion, the
   * review queue) on {@code conn}: the ticket's own transaction, so it commits with the answer.
   */
  static Future<Void> record(SqlConnection conn, long ticketId, String question, String application,
      String source, String answer, String actor) {
    return conn.preparedQuery(SikpQueries.RECORD_UNANSWERED)
        .execute(Tuple.from(new Object[] {ticketId, question, application, source, now(), answer, actor}))
        .mapEmpty();
  }

  /** Discussion answers still waiting for their draft, oldest first. */
  Future<RowSet<Row>> pendingDrafts(int limit) {
    return pool.preparedQuery(SikpQueries.PENDING_DRAFTS).execute(Tuple.of(limit));
  }

  Future<Void> markDrafted(long ticketId) {
    return pool.preparedQuery(SikpQueries.MARK_DRAFTED).execute(Tuple.of(ticketId, now())).mapEmpty();
  }

  Future<RowSet<Row>> since(OffsetDateTime since) {
    return pool.preparedQuery(SikpQueries.UNANSWERED_SINCE).execute(Tuple.of(since));
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
