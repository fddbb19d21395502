-- The working-day calendar (Asia/Jakarta): national holidays and cuti bersama. Seeded on first start from
-- src/main/resources/calendar/*.json (each file once, recorded in calendar_sources); an admin edits it later.
CREATE TABLE calendar_days (
  day         DATE PRIMARY KEY,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('holiday', 'cuti_bersama')),
  provisional BOOLEAN NOT NULL DEFAULT FALSE,
  updated_by  TEXT NOT NULL DEFAULT 'seed',
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE calendar_sources (
  file      TEXT PRIMARY KEY,
  loaded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Deadline warnings and overdue alerts already sent: the watcher inserts before it tells anyone, so a
-- restart or a second node never alerts twice.
CREATE TABLE deadline_alerts (
  ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  kind      TEXT NOT NULL CHECK (kind IN ('warning', 'overdue')),
  sent_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (ticket_id, kind)
);
