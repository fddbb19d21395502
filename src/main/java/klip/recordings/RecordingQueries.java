package klip.recordings;

/** Every SQL statement of the recordings capability; {@code $n} parameters only. */
final class RecordingQueries {

  private RecordingQueries() {
  }

  static final String LINK_AUDIO = """
      INSERT INTO recordings (ticket_id, call_id, kind, rel_path, format, size_bytes, duration_ms, sha256, peaks,
                              started_at, status, verified_at)
      VALUES ($1, $2, 'call_audio', $3, $4, $5, $6, $7, $8, $9, 'present', now())
      ON CONFLICT (call_id) WHERE kind = 'call_audio' DO NOTHING
      RETURNING id
      """;

  /** Another MixMonitor's file on the call; a file is linked once, whatever repeats. */
  static final String LINK_EXTRA = """
      INSERT INTO recordings (ticket_id, call_id, kind, rel_path, format, size_bytes, duration_ms, sha256, peaks,
                              started_at, status, verified_at)
      VALUES ($1, $2, 'call_audio_extra', $3, $4, $5, $6, $7, $8, $9, 'present', now())
      ON CONFLICT (rel_path) DO NOTHING
      RETURNING id
      """;

  static final String MARK_MISSING = """
      INSERT INTO recordings (ticket_id, call_id, kind, status, status_detail, started_at)
      VALUES ($1, $2, 'call_audio', 'missing', $3, $4)
      ON CONFLICT (call_id) WHERE kind = 'call_audio' DO NOTHING
      RETURNING id
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

  /** The one audit row of a playback whose Range requests ride on a grant. */
  static final String OPEN_PLAYBACK = """
      INSERT INTO playback_audit (username, role, action, recording_id, ticket_id, detail)
      VALUES ($1, $2, 'play', $3, $4, $5)
      RETURNING id
      """;

  static final String AUDIT_OF_RECORDING = """
      SELECT at, username, role, action, detail FROM playback_audit WHERE recording_id = $1 ORDER BY at DESC, id DESC
      LIMIT $2
      """;

  // Read by other capabilities through CallRecordings.

  static final String AUDIO_OF_CALLS = """
      SELECT call_id, id, status, duration_ms FROM recordings WHERE call_id = ANY($1) AND kind = 'call_audio'
      """;

  static final String AUDIO_OF_TICKET = """
      SELECT id, kind, status, duration_ms, size_bytes, format, sha256, started_at, status_detail
      FROM recordings WHERE ticket_id = $1 AND kind = 'call_audio' ORDER BY id
      """;

  // Screen captures.

  static final String OPEN_CAPTURE = """
      SELECT id, ticket_id, agent_username, next_seq, total_bytes, status, started_at FROM screen_captures
      WHERE ticket_id = $1 AND agent_username = $2 AND status = 'recording' ORDER BY id DESC LIMIT 1
      """;

  static final String NEW_CAPTURE = """
      INSERT INTO screen_captures (ticket_id, agent_username) VALUES ($1, $2)
      RETURNING id, ticket_id, agent_username, next_seq, total_bytes, status, started_at
      """;

  static final String CAPTURE = """
      SELECT id, ticket_id, agent_username, next_seq, total_bytes, status, started_at, last_chunk_at, finished_at
      FROM screen_captures WHERE id = $1
      """;

  static final String CAPTURES_OF_TICKET = """
      SELECT id, ticket_id, agent_username, next_seq, total_bytes, status, started_at, last_chunk_at, finished_at
      FROM screen_captures WHERE ticket_id = $1 ORDER BY id
      """;

  static final String CHUNK = "SELECT sha256 FROM recordings WHERE capture_id = $1 AND seq = $2";

  static final String ADD_CHUNK = """
      INSERT INTO recordings (ticket_id, kind, capture_id, seq, rel_path, format, size_bytes, sha256, verified_at)
      VALUES ($1, 'screen_chunk', $2, $3, $4, 'json', $5, $6, now())
      """;

  /** Advances only from the expected sequence number: two uploads of one chunk cannot both advance it. */
  static final String ADVANCE_CAPTURE = """
      UPDATE screen_captures SET next_seq = $2 + 1, total_bytes = total_bytes + $3, last_chunk_at = now()
      WHERE id = $1 AND next_seq = $2 AND status = 'recording'
      RETURNING next_seq
      """;

  static final String FINISH_CAPTURE = """
      UPDATE screen_captures SET status = 'finished', finished_at = now() WHERE id = $1 AND status = 'recording'
      """;

  static final String ADD_SNAPSHOT = """
      INSERT INTO recordings (ticket_id, kind, capture_id, rel_path, format, size_bytes, sha256, verified_at)
      VALUES ($1, 'ticket_snapshot', $2, $3, 'json', $4, $5, now())
      RETURNING id
      """;

  static final String CHUNK_FILES = """
      SELECT seq, rel_path, status FROM recordings WHERE capture_id = $1 AND kind = 'screen_chunk' ORDER BY seq
      """;

  static final String LATEST_SNAPSHOT = """
      SELECT rel_path FROM recordings WHERE capture_id = $1 AND kind = 'ticket_snapshot' AND status = 'present'
      ORDER BY id DESC LIMIT 1
      """;
}
