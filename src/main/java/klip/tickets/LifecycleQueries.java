package klip.tickets;

/** SQL of the ticket lifecycle (kept apart from intake's {@link TicketQueries}); {@code $n} parameters only. */
final class LifecycleQueries {

  private LifecycleQueries() {
  }

  static final String VIEW = "SELECT " + TicketQueries.TICKET_COLUMNS + """
      , t.answer, t.answer_source, t.answer_article_id, t.answer_article_version, t.status_changed_at, t.resolved_at
      FROM tickets t WHERE t.id = $1
      """;

  /** Locks the ticket for the length of the transition's transaction. */
  static final String LOCK = VIEW + " FOR UPDATE";

  static final String MOVE = """
      UPDATE tickets SET status = $2, version = version + 1, status_changed_at = $3, updated_at = $3,
        answer = COALESCE($4, answer), answer_source = COALESCE($5, answer_source),
        answer_article_id = COALESCE($6, answer_article_id),
        answer_article_version = COALESCE($7, answer_article_version),
        resolved_at = CASE WHEN $2 IN ('answered', 'delivered') THEN $3 ELSE resolved_at END
      WHERE id = $1
      RETURNING version
      """;

  static final String TRANSITIONS = """
      SELECT at, actor, detail FROM ticket_events WHERE ticket_id = $1 AND kind = 'transition' ORDER BY at, id
      """;
}
