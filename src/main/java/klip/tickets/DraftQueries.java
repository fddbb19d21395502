package klip.tickets;

/** SQL of the ticket drafts and of the agent's open work; {@code $n} parameters only. */
final class DraftQueries {

  private DraftQueries() {
  }

  /**
   * Writes the draft when {@code $3} is the version stored (0 = none yet) and returns the new version; no row
   * returned means the caller's version is stale.
   */
  static final String SAVE = """
      INSERT INTO ticket_drafts (ticket_id, author, version, fields, updated_at)
      SELECT $1, $2, 1, $4, now() WHERE $3 = 0
      ON CONFLICT (ticket_id) DO UPDATE
        SET author = EXCLUDED.author, version = ticket_drafts.version + 1, fields = EXCLUDED.fields, updated_at = now()
        WHERE ticket_drafts.version = $3
      RETURNING version, updated_at
      """;

  static final String BY_TICKET = "SELECT version, fields, updated_at FROM ticket_drafts WHERE ticket_id = $1";

  /**
   * The agent's work still in their hands: the calls ringing at or connected to them, and the tickets of the last
   * twelve hours they answered or typed into that are not yet answered, escalated or closed; newest first.
   */
  static final String OPEN_WORK = "SELECT " + TicketQueries.TICKET_COLUMNS + """
      , d.version AS draft_version, d.fields AS draft_fields
      FROM tickets t LEFT JOIN ticket_drafts d ON d.ticket_id = t.id
      WHERE t.agent_username = $1 AND t.created_at > now() - interval '12 hours'
        AND (t.call_status IN ('ringing', 'connected')
             OR (t.status IN ('received', 'tl_discussion') AND (t.answered_at IS NOT NULL OR d.ticket_id IS NOT NULL)))
      ORDER BY t.created_at DESC LIMIT 20
      """;
}
