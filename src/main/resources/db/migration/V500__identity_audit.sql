-- Identity and audit (range 500-599).

-- Teams as data: users belong to one; admins create and rename them.
CREATE TABLE teams (
  code       TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO teams (code, name)
  SELECT DISTINCT team, team FROM users ON CONFLICT DO NOTHING;
INSERT INTO teams (code, name) VALUES ('default', 'Default') ON CONFLICT DO NOTHING;
ALTER TABLE users ADD CONSTRAINT users_team_fk FOREIGN KEY (team) REFERENCES teams(code) ON UPDATE CASCADE;

-- Users seeded in demo mode carry well-known passwords: a production start disables them.
ALTER TABLE users ADD COLUMN demo BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now();

-- The audit log: who did what, when, from where. Each row's hash covers its own fields and the previous
-- row's hash, so editing or removing any row breaks the chain from there on. detail is TEXT, not JSONB,
-- because JSONB reorders keys and the hash must be recomputable from exactly what was stored.
CREATE TABLE audit_log (
  id             BIGINT PRIMARY KEY,
  at             TIMESTAMPTZ NOT NULL,
  actor          TEXT NOT NULL,
  action         TEXT NOT NULL,
  target         TEXT NOT NULL,
  detail         TEXT NOT NULL,
  remote_address TEXT NOT NULL,
  prev_hash      TEXT NOT NULL,
  hash           TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_log_actor ON audit_log(actor, id DESC);
CREATE INDEX audit_log_action ON audit_log(action, id DESC);

-- Append-only at the database level too: the application's own connection cannot rewrite history.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
