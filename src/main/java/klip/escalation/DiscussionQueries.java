package klip.escalation;

/** SQL of team-leader discussions; {@code $n} parameters only. */
final class DiscussionQueries {

  private DiscussionQueries() {
  }

  static final String OPEN = """
      INSERT INTO discussions (ticket_id, agent_username, team_leader, question, context, opened_at)
      VALUES ($1, $2, $3, $4, $5, $6)
      RETURNING id
      """;

  static final String CLOSE_FOR_TICKET = "UPDATE discussions SET closed_at = $2 WHERE ticket_id = $1 AND closed_at IS NULL";

  static final String COLUMNS = """
      d.id, d.ticket_id, d.agent_username, d.team_leader, d.question, d.context, d.opened_at, d.first_reply_at,
      d.alerted_leader, d.alerted_at, d.closed_at,
      (SELECT count(*) FROM discussion_messages m WHERE m.discussion_id = d.id) AS messages
      """;

  static final String BY_ID = "SELECT " + COLUMNS + " FROM discussions d WHERE d.id = $1";

  /** Open discussions a person takes part in: as the agent, the team leader asked, or the one alerted. */
  static final String OPEN_FOR = "SELECT " + COLUMNS + """
      FROM discussions d
      WHERE d.closed_at IS NULL AND (d.agent_username = $1 OR d.team_leader = $1 OR d.alerted_leader = $1)
      ORDER BY d.opened_at DESC LIMIT 100
      """;

  /** Whether a team leader was asked about the ticket or alerted to its unanswered discussion. */
  static final String INVOLVES = """
      SELECT EXISTS (SELECT 1 FROM discussions d WHERE d.ticket_id = $1
                       AND (d.team_leader = $2 OR d.alerted_leader = $2)) AS involved
      """;

  static final String OPEN_FOR_TICKET = "SELECT id FROM discussions WHERE ticket_id = $1 AND closed_at IS NULL";

  static final String MESSAGES = """
      SELECT id, author, body, at FROM discussion_messages WHERE discussion_id = $1 ORDER BY at, id
      """;

  static final String ADD_MESSAGE = """
      INSERT INTO discussion_messages (discussion_id, author, body, at) VALUES ($1, $2, $3, $4) RETURNING id
      """;

  static final String FIRST_REPLY = """
      UPDATE discussions SET first_reply_at = $2 WHERE id = $1 AND first_reply_at IS NULL
      """;

  static final String UNANSWERED = """
      SELECT d.id, d.ticket_id, d.agent_username, d.team_leader, d.question FROM discussions d
      WHERE d.closed_at IS NULL AND d.first_reply_at IS NULL AND d.alerted_at IS NULL AND d.opened_at < $1
      ORDER BY d.opened_at LIMIT 100
      """;

  /** Claims the alert: only the node whose update matches tells the next team leader. */
  static final String ALERTED = """
      UPDATE discussions SET alerted_leader = $2, alerted_at = now() WHERE id = $1 AND alerted_at IS NULL
      RETURNING id
      """;

  /** The team-leader threads of these tickets: each discussion's question, then its messages, oldest first. */
  static final String THREADS_OF_TICKETS = """
      SELECT d.ticket_id, d.agent_username, d.question, d.opened_at, m.author, m.body, m.at
      FROM discussions d LEFT JOIN discussion_messages m ON m.discussion_id = d.id
      WHERE d.ticket_id = ANY($1) ORDER BY d.ticket_id, d.opened_at, d.id, m.at, m.id
      """;
}
