-- Recordings and screen captures: files under the recordings directory, a row per file.
-- The row is the truth about a file: where it is (relative to the recordings root, never absolute, so the
-- store can move), what it is, and its SHA-256 at the time it was linked, against which it is verified.

-- One DOM session recording of an agent's desktop during one call, uploaded in numbered chunks.
CREATE TABLE screen_captures (
  id             BIGSERIAL PRIMARY KEY,
  ticket_id      BIGINT NOT NULL REFERENCES tickets(id),
  agent_username TEXT NOT NULL,
  started_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_chunk_at  TIMESTAMPTZ,
  next_seq       INT NOT NULL DEFAULT 0,       -- chunks 0..next_seq-1 are stored
  total_bytes    BIGINT NOT NULL DEFAULT 0,
  status         TEXT NOT NULL DEFAULT 'recording' CHECK (status IN ('recording', 'finished')),
  finished_at    TIMESTAMPTZ
);
CREATE INDEX screen_captures_ticket ON screen_captures(ticket_id);

CREATE TABLE recordings (
  id            BIGSERIAL PRIMARY KEY,
  ticket_id     BIGINT REFERENCES tickets(id),
  call_id       TEXT,
  kind          TEXT NOT NULL CHECK (kind IN ('call_audio', 'screen_chunk', 'ticket_snapshot')),
  capture_id    BIGINT REFERENCES screen_captures(id),
  seq           INT,
  rel_path      TEXT UNIQUE,                    -- null only while missing
  format        TEXT,                           -- e.g. 'wav/pcm_s16le/8000/1', 'json'
  size_bytes    BIGINT,
  duration_ms   BIGINT,
  sha256        TEXT,
  peaks         JSONB,                          -- waveform peaks 0..255 for the QA player
  started_at    TIMESTAMPTZ,                    -- wall-clock time of audio offset 0 (MixMonitor 'b': the bridge)
  status        TEXT NOT NULL DEFAULT 'present' CHECK (status IN ('present', 'missing', 'corrupt', 'purged')),
  status_detail TEXT,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  verified_at   TIMESTAMPTZ,
  purged_at     TIMESTAMPTZ,
  UNIQUE (capture_id, seq)
);
CREATE UNIQUE INDEX recordings_call_audio ON recordings(call_id) WHERE kind = 'call_audio';
CREATE INDEX recordings_ticket ON recordings(ticket_id);
CREATE INDEX recordings_retention ON recordings(created_at) WHERE status <> 'purged';

-- Every alert about stored files (missing recording, SHA-256 mismatch, ...): never silent.
CREATE TABLE recording_alerts (
  id           BIGSERIAL PRIMARY KEY,
  at           TIMESTAMPTZ NOT NULL DEFAULT now(),
  kind         TEXT NOT NULL,
  recording_id BIGINT REFERENCES recordings(id),
  ticket_id    BIGINT REFERENCES tickets(id),
  call_id      TEXT,
  detail       TEXT NOT NULL
);
CREATE INDEX recording_alerts_at ON recording_alerts(at DESC);

-- Who played, downloaded or viewed which recording or capture, and when. Append-only; the hash-chained
-- audit log of klip.identity can replace it behind the PlaybackAudit interface.
CREATE TABLE playback_audit (
  id           BIGSERIAL PRIMARY KEY,
  at           TIMESTAMPTZ NOT NULL DEFAULT now(),
  username     TEXT NOT NULL,
  role         TEXT NOT NULL,
  action       TEXT NOT NULL,                  -- play, download, view_screen, view_peaks, verify
  recording_id BIGINT REFERENCES recordings(id),
  capture_id   BIGINT REFERENCES screen_captures(id),
  ticket_id    BIGINT,
  detail       JSONB NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX playback_audit_recording ON playback_audit(recording_id, at);

CREATE FUNCTION playback_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'playback_audit is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER playback_audit_no_change BEFORE UPDATE OR DELETE ON playback_audit
  FOR EACH ROW EXECUTE FUNCTION playback_audit_append_only();
