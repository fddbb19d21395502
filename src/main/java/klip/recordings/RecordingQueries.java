package klip.recordings;

/** Every SQL statement of the recordings capability; {@code $n} parameters only. */
final class RecordingQueries {

  private RecordingQueries() {
  }

  /** Tickets belong to the tickets capability: this reads only the id and owner of a call's ticket. */
  static final String TICKET_OF_CALL = "SELECT id, agent_username FROM tickets WHERE call_id = $1";

  static final String TICKET_OWNER = """
      SELECT t.id, t.agent_username, u.team FROM tickets t LEFT JOIN users u ON u.username = t.agent_username
      WHERE t.id = $1
      """;

  static final String LINK_AUDIO = """
      INSERT INTO recordings (ticket_id, call_id, kind, rel_path, format, size_bytes, duration_ms, sha256, peaks,
                              started_at, status, verified_at)
      VALUES ($1, $2, 'call_audio', $3, $4, $5, $6, $7, $8, $9, 'present', now())
      ON CONFLICT (call_id) WHERE kind = 'call_audio' DO NOTHING
      RETURNING id
      """;

  static final String MARK_MISSING = """
      INSERT INTO recordings (ticket_id, call_id, kind, status, status_detail, started_at)
      VALUES ($1, $2, 'call_audio', 'missing', $3, $4)
      ON CONFLICT (call_id) WHERE kind = 'call_audio' DO NOTHING
      RETURNING id
      """;

  static final String ADD_TICKET_EVENT = """
      INSERT INTO ticket_events (ticket_id, at, actor, kind, detail) VALUES ($1, now(), 'system', $2, $3)
      """;

  static final String ALERT = """
      INSERT INTO recording_alerts (kind, recording_id, ticket_id, call_id, detail) VALUES ($1, $2, $3, $4, $5)
      """;

  static final String RECORDING_COLUMNS = """
      r.id, r.ticket_id, r.call_id, r.kind, r.capture_id, r.seq, r.rel_path, r.format, r.size_bytes, r.duration_ms,
      r.sha256, r.started_at, r.status, r.status_detail, r.created_at, r.verified_at
      """;

  static final String BY_ID = "SELECT " + RECORDING_COLUMNS + " FROM recordings r WHERE r.id = $1";

  static final String PEAKS = "SELECT peaks FROM recordings WHERE id = $1";

  static final String BY_TICKET = "SELECT " + RECORDING_COLUMNS
      + " FROM recordings r WHERE r.ticket_id = $1 AND r.kind <> 'screen_chunk' ORDER BY r.id";

  static final String PRESENT_PAGE = "SELECT " + RECORDING_COLUMNS
      + " FROM recordings r WHERE r.status = 'present' AND r.id > $1 ORDER BY r.id LIMIT $2";

  static final String VERIFIED = """
      UPDATE recordings SET verified_at = now() WHERE id = $1 AND status = 'present'
      """;

  static final String MARK_CORRUPT = """
      UPDATE recordings SET status = 'corrupt', status_detail = $2 WHERE id = $1 AND status = 'present'
      RETURNING id
      """;

  static final String EXPIRED = """
      SELECT id, rel_path, kind, ticket_id FROM recordings
      WHERE status <> 'purged' AND rel_path IS NOT NULL AND created_at < now() - make_interval(days => $1)
      ORDER BY id LIMIT $2
      """;

  static final String MARK_PURGED = """
      UPDATE recordings SET status = 'purged', purged_at = now(), status_detail = $2 WHERE id = $1
      """;

  static final String ALERTS = """
      SELECT id, at, kind, recording_id, ticket_id, call_id, detail FROM recording_alerts ORDER BY at DESC LIMIT $1
      """;

  static final String AUDIT = """
      INSERT INTO playback_audit (username, role, action, recording_id, capture_id, ticket_id, detail)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      """;

  static final String AUDIT_OF_RECORDING = """
      SELECT at, username, role, action, detail FROM playback_audit WHERE recording_id = $1 ORDER BY at DESC, id DESC
      LIMIT $2
      """;
}
