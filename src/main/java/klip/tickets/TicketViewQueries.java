package klip.tickets;

/** SQL behind {@link Tickets}: what other capabilities read of tickets and add to their timelines. */
final class TicketViewQueries {

  private TicketViewQueries() {
  }

  private static final String SUMMARY = """
      SELECT t.id, t.call_id, t.agent_username, t.caller_number, t.caller_name, t.application, t.status, t.version,
             t.call_status, t.created_at, t.answered_at, t.ended_at, t.resolved_at, t.npwp, t.nik,
             tp.name AS taxpayer_name
      FROM tickets t LEFT JOIN taxpayers tp ON tp.id = t.taxpayer_id
      """;

  static final String BY_ID = SUMMARY + " WHERE t.id = $1";

  static final String OF_CALL = SUMMARY + " WHERE t.call_id = $1";

  static final String OF_CALLS = SUMMARY + " WHERE t.call_id = ANY($1)";

  static final String BY_IDS = SUMMARY + " WHERE t.id = ANY($1)";

  /** Dates are Jakarta calendar days; every filter is optional (null = any). */
  static final String SEARCH = SUMMARY + """
      WHERE ($1::date IS NULL OR t.created_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Jakarta')
        AND ($2::date IS NULL OR t.created_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta')
        AND ($3::text IS NULL OR t.agent_username = $3)
        AND ($4::text[] IS NULL OR t.agent_username = ANY($4))
        AND ($5::text IS NULL OR t.application = $5)
        AND ($6::text IS NULL OR t.status = $6 OR t.call_status = $6)
        AND ($7::text IS NULL OR t.npwp = $7 OR t.nik = $7)
        AND ($8::text IS NULL OR t.caller_phone = $8)
      ORDER BY t.created_at DESC
      LIMIT $9
      """;

  /** Ordered by a hash of the ticket id and the seed: a random order that is the same at every reload. */
  static final String ANSWERED_IN_WEEK = SUMMARY + """
      WHERE t.answered_at IS NOT NULL AND t.agent_username IS NOT NULL
        AND t.created_at >= ($1::date)::timestamp AT TIME ZONE 'Asia/Jakarta'
        AND t.created_at < ($1::date + 7)::timestamp AT TIME ZONE 'Asia/Jakarta'
        AND ($2::text[] IS NULL OR t.agent_username = ANY($2))
      ORDER BY t.agent_username, md5(t.id::text || $3)
      """;

  static final String AWAITING_ANSWER = SUMMARY + """
      WHERE t.status IN ('received', 'tl_discussion') AND t.call_status <> 'unanswered' AND t.created_at > $1
        AND NOT (t.id = ANY($2))
      ORDER BY t.created_at LIMIT $3
      """;

  /** Answered on the spot: moved to answered before the call ended (or while it has not). */
  static final String HANDLED = """
      SELECT t.id, (t.created_at AT TIME ZONE 'Asia/Jakarta')::date AS day, t.agent_username, t.status,
             t.created_at, t.resolved_at,
             EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id
               AND e.kind = 'transition' AND e.detail->>'to' = 'answered'
               AND (t.ended_at IS NULL OR e.at <= t.ended_at)) AS on_spot
      FROM tickets t
      WHERE t.call_status <> 'unanswered' AND t.created_at >= $1 AND t.created_at < $2
      """;

  static final String ADD_TO_TIMELINE = """
      INSERT INTO ticket_events (ticket_id, at, actor, kind, detail) VALUES ($1, COALESCE($2, now()), $3, $4, $5)
      """;

  static final String ADD_TO_TIMELINE_OF_CALL = """
      INSERT INTO ticket_events (ticket_id, at, actor, kind, detail)
      SELECT id, COALESCE($2, now()), $3, $4, $5 FROM tickets WHERE call_id = $1
      """;
}
