-- Answers not taken from SIKP are recorded in the ticket's own transaction (durable with the answer);
-- a discussion answer waits here, with its text, until the SIKP capability has made its draft.
ALTER TABLE sikp_unanswered ADD COLUMN answer TEXT;
ALTER TABLE sikp_unanswered ADD COLUMN actor TEXT;
ALTER TABLE sikp_unanswered ADD COLUMN drafted_at TIMESTAMPTZ;
CREATE INDEX sikp_unanswered_pending ON sikp_unanswered(at)
  WHERE source = 'discussion' AND answer IS NOT NULL AND drafted_at IS NULL;
