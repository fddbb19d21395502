package klip.tickets;

/** Every SQL statement of the tickets capability; {@code $n} parameters only. */
final class TicketQueries {

  private TicketQueries() {
  }

  static final String ADD_TAXPAYER = "INSERT INTO taxpayers (name, npwp, nik) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";

  static final String TAXPAYER_BY_NAME = "SELECT id FROM taxpayers WHERE name = $1 ORDER BY id LIMIT 1";

  static final String ADD_TAXPAYER_PHONE = """
      INSERT INTO taxpayer_phones (taxpayer_id, phone) VALUES ($1, $2) ON CONFLICT DO NOTHING
      """;

  /**
   * Opens the ticket for a ringing call, or moves it to the agent now ringing while it still rings. The ring
   * is appended to the ticket's rings unless it repeats the last one (a resync after a reconnect repeats).
   * Returns the whole ticket row (the pop is built from it without reading it again) and the agent of its
   * latest pop, so the caller can tell whether a pop is due. The timeline rows ("received", "rang") are written
   * by the same statement: one round trip and one transaction per ring.
   */
  static final String OPEN_OR_MOVE = """
      WITH t AS (
        INSERT INTO tickets (call_id, caller_number, caller_phone, caller_name, queue, agent_username,
                             agent_interface, rang_at, recording_unique_id, recording_file)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        ON CONFLICT (call_id) DO UPDATE
          SET agent_username = EXCLUDED.agent_username, agent_interface = EXCLUDED.agent_interface,
              updated_at = now()
          WHERE tickets.call_status = 'ringing'
        RETURNING tickets.*, (xmax = 0) AS inserted
      ), existing AS (
        SELECT tickets.*, FALSE AS inserted FROM tickets WHERE call_id = $1 AND NOT EXISTS (SELECT 1 FROM t)
      ), ticket AS (
        SELECT * FROM t UNION ALL SELECT * FROM existing
      ), moved AS (
        -- The call's last transfer: rings and pops before it are of the agent who let it go. The queue may ring
        -- that same agent again, and then it is a new ring and a new pop, not a repeat.
        SELECT COALESCE(max(e.at), '-infinity') AS at FROM ticket_events e, ticket
        WHERE e.ticket_id = ticket.id AND e.kind = 'call_transferred'
      ), last_ring AS (
        SELECT r.agent_interface FROM ticket_rings r, ticket, moved
        WHERE r.ticket_id = ticket.id AND r.rang_at >= moved.at ORDER BY r.attempt DESC LIMIT 1
      ), ring AS (
        INSERT INTO ticket_rings (ticket_id, attempt, agent_username, agent_interface, rang_at)
        SELECT ticket.id, COALESCE((SELECT max(attempt) FROM ticket_rings WHERE ticket_id = ticket.id), 0) + 1,
               $6, $7, $8
        FROM ticket
        WHERE NOT EXISTS (SELECT 1 FROM last_ring WHERE last_ring.agent_interface = $7)
          AND EXISTS (SELECT 1 FROM t)
        RETURNING ticket_id
      ), received_event AS (
        INSERT INTO ticket_events (ticket_id, at, actor, kind, detail)
        SELECT id, $8, 'system', 'received', jsonb_build_object('queue', $5::text) FROM t WHERE inserted
      ), rang_event AS (
        INSERT INTO ticket_events (ticket_id, at, actor, kind, detail)
        SELECT ticket_id, $8 + interval '1 microsecond', 'system', 'rang',
               jsonb_build_object('agent', $6::text, 'interface', $7::text)
        FROM ring
      )
      SELECT ticket.*, (SELECT count(*) FROM ring) AS new_ring,
             (SELECT p.agent_username FROM pops p, moved WHERE p.ticket_id = ticket.id AND p.event_at >= moved.at
              ORDER BY p.attempt DESC LIMIT 1) AS last_pop_agent,
             EXISTS (SELECT 1 FROM t) AS now_ringing_here
      FROM ticket
      """;

  static final String ADD_EVENT = """
      INSERT INTO ticket_events (ticket_id, at, actor, kind, detail) VALUES ($1, $2, $3, $4, $5)
      """;

  /**
   * Marks the ticket answered and writes its timeline row, in one statement. A transferred call rings again with
   * its first answer kept: answered_at stays the time the caller was first answered (talk and recording count from
   * it), the new answer is on the timeline.
   */
  static final String ANSWERED = """
      WITH t AS (
        UPDATE tickets SET call_status = 'connected', answered_at = COALESCE(answered_at, $2),
                           agent_username = COALESCE($3, agent_username), agent_interface = $4, updated_at = now()
        WHERE call_id = $1 AND ended_at IS NULL AND (answered_at IS NULL OR call_status = 'ringing')
        RETURNING id, agent_username
      ), e AS (
        INSERT INTO ticket_events (ticket_id, at, actor, kind, detail)
        SELECT id, $2, COALESCE($3, 'system'), 'answered', jsonb_build_object('interface', $4::text) FROM t
      )
      SELECT id, agent_username FROM t
      """;

  /**
   * The agent transferred the connected call away: it rings again (the queue or a team leader next), so its next
   * ring moves the ticket and pops it there; the timeline says who transferred it to whom ($3: the agent's interface,
   * $4: "queue" or the team leader's username). Returns the ticket and the agent it leaves.
   */
  static final String TRANSFERRED = """
      WITH t AS (
        UPDATE tickets SET call_status = 'ringing', updated_at = now()
        WHERE call_id = $1 AND call_status = 'connected' AND ended_at IS NULL
        RETURNING id, agent_username
      ), e AS (
        INSERT INTO ticket_events (ticket_id, at, actor, kind, detail)
        SELECT id, $2, COALESCE(agent_username, 'system'), 'call_transferred',
               jsonb_build_object('from', agent_username, 'fromInterface', $3::text, 'to', $4::text) FROM t
      )
      SELECT id, agent_username FROM t
      """;

  /** What a call's end returns: enough to notify the agent and to hand its recording over. */
  private static final String ENDED_COLUMNS = """
      id, call_id, agent_username, call_status, rang_at, answered_at, ended_at, recording_unique_id, recording_file,
      recording_due_at IS NOT NULL AS recording_due""";

  /**
   * Ends the ticket's call and writes its timeline row, in one statement. An answered call's recording becomes
   * due in the same transaction ($3, $4: the recorded leg's Uniqueid and file as the end fact knows them).
   */
  static final String ENDED = """
      WITH t AS (
        UPDATE tickets SET call_status = CASE WHEN answered_at IS NULL THEN 'unanswered' ELSE 'ended' END,
                           ended_at = $2, updated_at = now(),
                           recording_unique_id = COALESCE($3, recording_unique_id),
                           recording_file = COALESCE($4, recording_file),
                           recording_due_at = CASE WHEN answered_at IS NULL THEN NULL ELSE now() END
        WHERE call_id = $1 AND ended_at IS NULL
        RETURNING *
      ), e AS (
        INSERT INTO ticket_events (ticket_id, at, actor, kind, detail)
        SELECT id, $2, 'system', 'call_' || call_status, '{}'::jsonb FROM t
      )
      """ + "SELECT " + ENDED_COLUMNS + " FROM t";

  /**
   * {@link #ANSWERED} then {@link #ENDED} of one call as one statement, each part only where it would apply alone
   * (an answer only while unanswered, an end only while not ended), with both timeline rows. $1 call, $2 answered
   * at, $3 agent, $4 interface, $5 ended at, $6 and $7 the recorded leg's Uniqueid and file. Returns the
   * {@link #ENDED} columns and which parts applied (answering, ending).
   */
  static final String ANSWERED_AND_ENDED = """
      WITH old AS (
        SELECT id, answered_at IS NULL OR (call_status = 'ringing' AND ended_at IS NULL) AS answering,
               ended_at IS NULL AS ending
        FROM tickets WHERE call_id = $1
        FOR UPDATE
      ), t AS (
        UPDATE tickets SET
          -- A transferred call keeps its first answer (see ANSWERED).
          answered_at = CASE WHEN old.answering THEN COALESCE(tickets.answered_at, $2) ELSE tickets.answered_at END,
          agent_username = CASE WHEN old.answering THEN COALESCE($3, tickets.agent_username)
                                ELSE tickets.agent_username END,
          agent_interface = CASE WHEN old.answering THEN $4 ELSE tickets.agent_interface END,
          call_status = CASE WHEN old.ending THEN 'ended' ELSE 'connected' END,
          ended_at = CASE WHEN old.ending THEN $5 ELSE tickets.ended_at END,
          recording_unique_id = CASE WHEN old.ending THEN COALESCE($6, tickets.recording_unique_id)
                                     ELSE tickets.recording_unique_id END,
          recording_file = CASE WHEN old.ending THEN COALESCE($7, tickets.recording_file)
                                ELSE tickets.recording_file END,
          recording_due_at = CASE WHEN old.ending THEN now() ELSE tickets.recording_due_at END,
          updated_at = now()
        FROM old WHERE tickets.id = old.id AND (old.answering OR old.ending)
        RETURNING tickets.*, old.answering, old.ending
      ), timeline AS (
        -- One insert, answer first: the rows' ids keep the order the facts happened in.
        INSERT INTO ticket_events (ticket_id, at, actor, kind, detail)
        SELECT id, at, actor, kind, detail FROM (
          SELECT id, $2 AS at, COALESCE($3, 'system') AS actor, 'answered' AS kind,
                 jsonb_build_object('interface', $4::text) AS detail, 1 AS step FROM t WHERE answering
          UNION ALL
          SELECT id, $5, 'system', 'call_' || call_status, '{}'::jsonb, 2 FROM t WHERE ending
        ) parts ORDER BY step
      )
      """ + "SELECT " + ENDED_COLUMNS + ", answering, ending FROM t";

  /** MixMonitor announced its file (or its leg) after the ticket opened. */
  static final String RECORDING_ANNOUNCED = """
      UPDATE tickets SET recording_unique_id = COALESCE($2, recording_unique_id),
                         recording_file = COALESCE($3, recording_file)
      WHERE call_id = $1 AND ended_at IS NULL
      """;

  /**
   * Tickets whose call is open although Asterisk does not know it ($1: the live call ids), from before Asterisk
   * was asked ($2): their calls ended while nobody was listening.
   */
  static final String OPEN_NOT_LIVE = """
      SELECT call_id FROM tickets
      WHERE call_status IN ('ringing', 'connected') AND ended_at IS NULL AND NOT (call_id = ANY($1))
        AND COALESCE(answered_at, rang_at) < $2
      ORDER BY rang_at
      """;

  /**
   * Ends a call that ended unseen, at the best-known time: $2 when someone knows it (Asterisk's own records),
   * otherwise the latest thing known of the call. Marked as reconciled on the timeline ($3: why, and how the time
   * was found); an answered call's recording becomes due as with any end.
   */
  static final String RECONCILED = """
      WITH t AS (
        UPDATE tickets SET call_status = CASE WHEN answered_at IS NULL THEN 'unanswered' ELSE 'ended' END,
                           ended_at = COALESCE($2, GREATEST(rang_at, answered_at,
                             (SELECT max(e.at) FROM ticket_events e WHERE e.ticket_id = tickets.id))),
                           updated_at = now(),
                           recording_due_at = CASE WHEN answered_at IS NULL THEN NULL ELSE now() END
        WHERE call_id = $1 AND ended_at IS NULL AND call_status IN ('ringing', 'connected')
        RETURNING *
      ), ended AS (
        INSERT INTO ticket_events (ticket_id, at, actor, kind, detail)
        SELECT id, ended_at, 'system', 'call_' || call_status, jsonb_build_object('reconciled', true) FROM t
      ), reconciled AS (
        INSERT INTO ticket_events (ticket_id, at, actor, kind, detail)
        SELECT id, now(), 'system', 'call_reconciled', $3::jsonb || jsonb_build_object('endedAt', ended_at) FROM t
      )
      """ + "SELECT " + ENDED_COLUMNS + " FROM t";

  /** Recordings due and not yet linked or flagged: resumed at every start. */
  static final String RECORDINGS_DUE = "SELECT " + ENDED_COLUMNS
      + " FROM tickets WHERE recording_due_at IS NOT NULL AND recording_settled_at IS NULL ORDER BY recording_due_at";

  /** The recordings capability linked the file or flagged it missing. */
  static final String RECORDING_SETTLED = """
      UPDATE tickets SET recording_settled_at = now() WHERE call_id = $1 AND recording_settled_at IS NULL
      """;

  static final String MISSED = """
      INSERT INTO missed_calls (call_id, caller_number, caller_phone, caller_name, queue, joined_at, left_at,
                                wait_seconds)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (call_id) DO NOTHING
      """;

  static final String TAXPAYERS_BY_PHONE = """
      SELECT t.id, t.name, t.npwp, t.nik FROM taxpayers t JOIN taxpayer_phones p ON p.taxpayer_id = t.id
      WHERE p.phone = $1 ORDER BY t.name LIMIT 20
      """;

  static final String TICKET_COLUMNS = """
      t.id, t.call_id, t.caller_number, t.caller_name, t.queue, t.agent_username, t.agent_interface, t.call_status,
      t.status, t.rang_at, t.answered_at, t.ended_at, t.taxpayer_id, t.npwp, t.nik, t.application, t.question,
      t.notes, t.version, t.created_at, t.updated_at
      """;

  static final String HISTORY_BY_PHONE = "SELECT " + TICKET_COLUMNS + """
      FROM tickets t WHERE t.caller_phone = $1 AND t.id <> $2 ORDER BY t.created_at DESC LIMIT $3
      """;

  /** A caller's other tickets, by call id, so it can run before this call's ticket is written. */
  static final String HISTORY_OF_OTHER_CALLS = "SELECT " + TICKET_COLUMNS + """
      FROM tickets t WHERE t.caller_phone = $1 AND t.call_id <> $2 ORDER BY t.created_at DESC LIMIT $3
      """;

  static final String BY_ID = "SELECT " + TICKET_COLUMNS + " FROM tickets t WHERE t.id = $1";

  /**
   * Ticket search; every filter optional (null = any) but the agents whose tickets may be found ($8). Names and
   * text are ILIKE patterns; days are Jakarta (WIB) calendar days, both included.
   */
  static final String FIND = "SELECT " + TICKET_COLUMNS + """
      FROM tickets t LEFT JOIN taxpayers tp ON tp.id = t.taxpayer_id
      WHERE ($1::bigint IS NULL OR t.id = $1)
        AND ($2::text IS NULL OR t.caller_phone = $2)
        AND ($3::text IS NULL OR t.npwp = $3 OR t.nik = $3)
        AND ($4::text IS NULL OR t.caller_name ILIKE $4 OR tp.name ILIKE $4)
        AND ($5::text IS NULL OR t.question ILIKE $5 OR t.notes ILIKE $5 OR t.answer ILIKE $5)
        AND ($6::date IS NULL OR t.created_at >= ($6::date)::timestamp AT TIME ZONE 'Asia/Jakarta')
        AND ($7::date IS NULL OR t.created_at < ($7::date + 1)::timestamp AT TIME ZONE 'Asia/Jakarta')
        AND t.agent_username = ANY($8)
      ORDER BY t.created_at DESC LIMIT $9
      """;

  static final String BY_AGENT = "SELECT " + TICKET_COLUMNS + """
      FROM tickets t WHERE t.agent_username = $1 ORDER BY t.created_at DESC LIMIT $2
      """;

  static final String EVENTS = """
      SELECT at, actor, kind, detail FROM ticket_events WHERE ticket_id = $1 ORDER BY at, id
      """;

  static final String RINGS = """
      SELECT attempt, agent_username, agent_interface, rang_at FROM ticket_rings WHERE ticket_id = $1 ORDER BY attempt
      """;

  static final String SAVE_FORM = """
      UPDATE tickets SET application = $3, question = $4, notes = $5, version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2
      RETURNING version
      """;

  static final String ATTACH_TAXPAYER = """
      UPDATE tickets SET taxpayer_id = $2, npwp = $3, nik = $4, version = version + 1, updated_at = now()
      WHERE id = $1
      RETURNING version
      """;

  static final String TAXPAYER_BY_ID_OR_NUMBER = """
      SELECT id, name, npwp, nik FROM taxpayers WHERE id = $1 OR npwp = $2 OR nik = $3 LIMIT 1
      """;

  static final String APPLICATIONS = "SELECT code, label FROM applications WHERE active ORDER BY sort_order";

  static final String MISSED_LIST = """
      SELECT id, call_id, caller_number, caller_name, queue, joined_at, left_at, wait_seconds, called_back
      FROM missed_calls ORDER BY left_at DESC LIMIT $1
      """;
}
