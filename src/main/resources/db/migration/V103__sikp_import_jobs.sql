-- Import jobs of the admin page: created (and acknowledged) only once this row commits, their progress committed
-- before each chunk is acknowledged, so a job survives a restart. A job the server stopped in the middle of is
-- marked failed with its reason at the next start: its editor sees why and sends the file again (the import is
-- idempotent, so the lines already imported add nothing the second time).
CREATE TABLE sikp_import_jobs (
  id          UUID PRIMARY KEY,
  owner       TEXT NOT NULL,
  total_lines INT NOT NULL,
  state       TEXT NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'finished', 'failed')),
  progress    JSONB NOT NULL,
  failure     TEXT,
  server_run  UUID NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
