-- Audit intents (identity and audit range 500-599): written before an audited API change runs, turned into an
-- audit_log entry and removed in one transaction once the answer is out. An intent left behind means the server
-- stopped while answering; the audit capability records it as an entry whose outcome is unknown, so no change
-- made through the API is left without a trace.
CREATE TABLE audit_intents (
  id             BIGSERIAL PRIMARY KEY,
  at             TIMESTAMPTZ NOT NULL DEFAULT now(),
  actor          TEXT NOT NULL,
  action         TEXT NOT NULL,
  target         TEXT NOT NULL,
  remote_address TEXT NOT NULL
);
