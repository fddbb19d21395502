package klip.escalation;

/** Every SQL statement of the escalation capability; {@code $n} parameters only. */
final class EscalationQueries {

  private EscalationQueries() {
  }

  static final String INSERT = """
      INSERT INTO escalations (id, ticket_id, agent_username, raised_by, raised_at, question, reason, received_at,
                               deadline_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      """;

  static final String OUTBOX_ADD = """
      INSERT INTO outbox (address, message_key, payload) VALUES ($1, $2, $3)
      """;

  static final String OUTBOX_PENDING = """
      SELECT id, address, message_key, payload FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1
      """;

  static final String OUTBOX_ATTEMPT = "UPDATE outbox SET attempts = attempts + 1 WHERE id = $1";

  static final String OUTBOX_DONE = "UPDATE outbox SET published_at = now() WHERE id = $1 AND published_at IS NULL";

  static final String OUTBOX_PURGE = "DELETE FROM outbox WHERE published_at < now() - interval '7 days'";

  /** Inserts on first delivery; a repeat only counts. {@code first} tells the consumer whether to act. */
  static final String DESK_RECEIVE = """
      INSERT INTO escalation_desk_inbox (escalation_id) VALUES ($1)
      ON CONFLICT (escalation_id) DO UPDATE SET deliveries = escalation_desk_inbox.deliveries + 1
      RETURNING (xmax = 0) AS first
      """;

  static final String COLUMNS = """
      e.id, e.ticket_id, e.agent_username, e.raised_by, e.raised_at, e.question, e.reason, e.received_at,
      e.deadline_at, e.status, e.channel, e.forwarded_by, e.forwarded_at, e.forward_attempts, e.forward_error,
      e.directorate_reply, e.directorate_reply_at, e.answer, e.answered_by, e.answered_at,
      (i.escalation_id IS NOT NULL) AS on_desk
      """;

  static final String LIST = "SELECT " + COLUMNS + """
      FROM escalations e
      LEFT JOIN escalation_desk_inbox i ON i.escalation_id = e.id
      WHERE ($1::text IS NULL OR e.status = $1) ORDER BY e.raised_at DESC LIMIT $2
      """;

  static final String BY_ID = "SELECT " + COLUMNS + """
      FROM escalations e
      LEFT JOIN escalation_desk_inbox i ON i.escalation_id = e.id
      WHERE e.id = $1
      """;

  static final String BY_TICKET = "SELECT id FROM escalations WHERE ticket_id = $1";

  /** Tickets already overdue (alerted) since $1: the deadline check leaves them out. */
  static final String OVERDUE_SINCE = """
      SELECT ticket_id FROM deadline_alerts WHERE kind = 'overdue' AND sent_at > $1
      """;

  static final String FORWARDING = """
      UPDATE escalations SET status = 'forwarding', channel = $2, forwarded_by = $3
      WHERE id = $1 AND status IN ('new', 'forward_failed')
      RETURNING id
      """;

  /** Only while still forwarding: a desk that already recorded the answer must not be overwritten. */
  static final String FORWARD_RESULT = """
      UPDATE escalations SET status = $2, forward_attempts = COALESCE($3, forward_attempts), forward_error = $4,
        forwarded_at = CASE WHEN $2 = 'forwarded' THEN now() ELSE forwarded_at END
      WHERE id = $1 AND status = 'forwarding'
      """;

  static final String UNFINISHED_FORWARDS = "SELECT id FROM escalations WHERE status = 'forwarding'";

  static final String DIRECTORATE_REPLY = """
      UPDATE escalations SET status = 'directorate_replied', directorate_reply = $2, directorate_reply_at = now()
      WHERE id = $1 AND status IN ('forwarding', 'forwarded') AND channel = 'demo'
      RETURNING ticket_id
      """;

  /** The demo directorate holds a case from the moment its channel took it (the push may beat the status update). */
  static final String DIRECTORATE_INBOX = "SELECT " + COLUMNS + """
      FROM escalations e
      LEFT JOIN escalation_desk_inbox i ON i.escalation_id = e.id
      WHERE e.channel = 'demo' AND e.status IN ('forwarding', 'forwarded', 'directorate_replied', 'answered')
      ORDER BY e.forwarded_at DESC LIMIT $1
      """;

  static final String ANSWERED = """
      UPDATE escalations SET status = 'answered', answer = $2, answered_by = $3, answered_at = $4
      WHERE ticket_id = $1
      RETURNING id
      """;
}
