package klip.supervision;

/** Every SQL statement of the supervision capability; {@code $n} parameters only. */
final class SupervisionQueries {

  private SupervisionQueries() {
  }

  /** Fields only ever get filled in: a fact repeated after a reconnect changes nothing. */
  static final String UPSERT_CALL = """
      INSERT INTO board_calls (call_id, queue, caller_number, queued_at, rang_at, answered_at, ended_at,
                               agent_interface)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (call_id) DO UPDATE SET
        queue = COALESCE(board_calls.queue, EXCLUDED.queue),
        caller_number = COALESCE(board_calls.caller_number, EXCLUDED.caller_number),
        queued_at = COALESCE(board_calls.queued_at, EXCLUDED.queued_at),
        rang_at = COALESCE(board_calls.rang_at, EXCLUDED.rang_at),
        answered_at = COALESCE(board_calls.answered_at, EXCLUDED.answered_at),
        ended_at = COALESCE(board_calls.ended_at, EXCLUDED.ended_at),
        agent_interface = COALESCE(EXCLUDED.agent_interface, board_calls.agent_interface)
      """;

  /** Calls the board still has open that Asterisk no longer has ($1 live ids), first seen before it was asked ($2). */
  static final String OPEN_NOT_LIVE = """
      SELECT call_id FROM board_calls
      WHERE ended_at IS NULL AND NOT (call_id = ANY($1)) AND COALESCE(answered_at, rang_at, queued_at) < $2
      """;

  /** A call that ended unseen ends at $2 when Asterisk's records know it, otherwise at the latest thing known. */
  static final String RECONCILED_END = """
      UPDATE board_calls SET ended_at = COALESCE($2, GREATEST(queued_at, rang_at, answered_at))
      WHERE call_id = $1 AND ended_at IS NULL
      """;

  /**
   * The day's counters over calls that joined a queue since $1 (midnight, Asia/Jakarta). Abandoned: ended in
   * the queue or while ringing, never answered. Service level: answered within $2 seconds of joining, out of
   * answered plus abandoned (Asterisk's ServicelevelPerf2).
   */
  static final String COUNTERS = """
      SELECT count(*) AS offered,
             count(answered_at) AS answered,
             count(*) FILTER (WHERE ended_at IS NOT NULL AND answered_at IS NULL) AS abandoned,
             count(*) FILTER (WHERE answered_at - queued_at <= make_interval(secs => $2)) AS within_sl,
             COALESCE(max(EXTRACT(EPOCH FROM (COALESCE(answered_at, ended_at) - queued_at))), 0)::bigint
               AS longest_wait
      FROM board_calls WHERE queued_at >= $1
      """;

  static final String INSERT_JOIN = """
      INSERT INTO supervision_joins (call_id, team_leader, agent_username, mode) VALUES ($1, $2, $3, $4)
      RETURNING id, requested_at
      """;

  static final String JOIN_FAILED = "UPDATE supervision_joins SET failure = $2, ended_at = now() WHERE id = $1";

  static final String JOIN_STARTED = """
      UPDATE supervision_joins SET started_at = $2, spyer_channel = $3 WHERE id = $1 AND started_at IS NULL
      """;

  /** The session's mode now; each switch is on the ticket's timeline. */
  static final String JOIN_MODE = "UPDATE supervision_joins SET mode = $2 WHERE id = $1";

  static final String JOIN_ENDED = """
      UPDATE supervision_joins SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL
      RETURNING team_leader, mode, started_at
      """;

  /** Joins still open after a restart: started spies show on the board again, pending ones can still match. */
  static final String OPEN_JOINS = """
      SELECT id, call_id, team_leader, mode, requested_at, spyer_channel, started_at FROM supervision_joins
      WHERE ended_at IS NULL AND requested_at > now() - interval '4 hours'
      """;

  static final String RAISE_HAND = """
      INSERT INTO raised_hands (call_id, agent_username, team, note) VALUES ($1, $2, $3, $4)
      ON CONFLICT (call_id, agent_username) WHERE lowered_at IS NULL DO UPDATE SET note = EXCLUDED.note
      RETURNING id, raised_at
      """;

  static final String LOWER_HAND = """
      UPDATE raised_hands SET lowered_at = now(), lowered_by = $2 WHERE id = $1 AND lowered_at IS NULL
      RETURNING call_id, agent_username, team
      """;

  static final String LOWER_HANDS_OF_CALL = """
      UPDATE raised_hands SET lowered_at = now(), lowered_by = 'system' WHERE call_id = $1 AND lowered_at IS NULL
      """;

  static final String HAND_BY_ID = "SELECT id, call_id, agent_username, team FROM raised_hands WHERE id = $1";

  static final String OPEN_HANDS = """
      SELECT id, call_id, agent_username, note, raised_at FROM raised_hands WHERE lowered_at IS NULL
      """;
}
