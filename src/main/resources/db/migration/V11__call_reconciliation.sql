-- The recording a call leaves behind, known to its ticket: which leg MixMonitor recorded (its Uniqueid, and the
-- file when Asterisk announced it), so the file can be found even when the server restarted meanwhile.
ALTER TABLE tickets ADD COLUMN recording_unique_id TEXT;
ALTER TABLE tickets ADD COLUMN recording_file TEXT;
-- The intent to link that recording, written in the same transaction as the call's end: a crash before the file
-- is linked (or flagged missing) cannot lose it; at start every due and unsettled one is resumed.
ALTER TABLE tickets ADD COLUMN recording_due_at TIMESTAMPTZ;
ALTER TABLE tickets ADD COLUMN recording_settled_at TIMESTAMPTZ;
CREATE INDEX tickets_recording_due ON tickets(recording_due_at)
  WHERE recording_due_at IS NOT NULL AND recording_settled_at IS NULL;
-- Reconciliation looks for tickets whose call is still open, at every start and AMI reconnect.
CREATE INDEX tickets_open_calls ON tickets(rang_at) WHERE call_status IN ('ringing', 'connected');
