-- What an agent has typed into a ticket and not yet saved, kept on the server as they type so that a reload,
-- a second tab, a browser crash or a server restart loses nothing. One row per ticket; the version guards
-- against a stale tab overwriting newer typing (a save names the version it last saw, else 409).
CREATE TABLE ticket_drafts (
  ticket_id   BIGINT PRIMARY KEY REFERENCES tickets (id) ON DELETE CASCADE,
  author      TEXT NOT NULL,
  version     INTEGER NOT NULL,
  fields      JSONB NOT NULL,
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
