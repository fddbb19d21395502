-- Other MixMonitors on a call (a supervisor's, one started over AMI) are kept as extra recordings of the
-- ticket; the call's own recording stays the one the queue dialplan starts on the caller's leg.
ALTER TABLE recordings DROP CONSTRAINT recordings_kind_check;
ALTER TABLE recordings ADD CONSTRAINT recordings_kind_check
  CHECK (kind IN ('call_audio', 'call_audio_extra', 'screen_chunk', 'ticket_snapshot'));
