-- Call intake: people, taxpayers, tickets opened by ringing calls, missed calls and screen-pops.
-- Capabilities own migration ranges: 1-99 call intake and core, 100-199 SIKP, 200-299 ticket lifecycle
-- and escalation, 300-399 recordings and QA, 400-499 supervision, 500-599 identity and audit.

CREATE TABLE users (
  id              BIGSERIAL PRIMARY KEY,
  username        TEXT NOT NULL UNIQUE,
  display_name    TEXT NOT NULL,
  role            TEXT NOT NULL,
  team            TEXT NOT NULL DEFAULT 'default',
  phone_interface TEXT UNIQUE,
  password_hash   TEXT,
  active          BOOLEAN NOT NULL DEFAULT TRUE,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The applications a question can be about: data, not code, so a new one needs no release.
CREATE TABLE applications (
  code       TEXT PRIMARY KEY,
  label      TEXT NOT NULL,
  sort_order INT NOT NULL,
  active     BOOLEAN NOT NULL DEFAULT TRUE
);
INSERT INTO applications (code, label, sort_order) VALUES
  ('e-SPT', 'e-SPT', 1),
  ('e-Registration', 'e-Registration', 2),
  ('e-Filing', 'e-Filing', 3),
  ('Coretax', 'Coretax DJP', 4),
  ('other', 'Lainnya', 9);

CREATE TABLE taxpayers (
  id         BIGSERIAL PRIMARY KEY,
  name       TEXT NOT NULL,
  npwp       TEXT UNIQUE,
  nik        TEXT UNIQUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (npwp IS NULL OR npwp ~ '^[0-9]{15,16}$'),
  CHECK (nik IS NULL OR nik ~ '^[0-9]{16}$')
);

-- One number may belong to several taxpayers (a tax consultant, a family): hence a table, not a column.
CREATE TABLE taxpayer_phones (
  taxpayer_id BIGINT NOT NULL REFERENCES taxpayers(id) ON DELETE CASCADE,
  phone       TEXT NOT NULL,
  PRIMARY KEY (taxpayer_id, phone)
);
CREATE INDEX taxpayer_phones_phone ON taxpayer_phones(phone);

CREATE TABLE tickets (
  id               BIGSERIAL PRIMARY KEY,
  call_id          TEXT NOT NULL UNIQUE,           -- Asterisk Linkedid: one ticket per call, whatever repeats
  caller_number    TEXT NOT NULL,
  caller_phone     TEXT NOT NULL,                  -- normalised (0-prefixed national form) for lookups
  caller_name      TEXT,
  queue            TEXT,
  agent_username   TEXT,
  agent_interface  TEXT,
  call_status      TEXT NOT NULL DEFAULT 'ringing', -- ringing, connected, ended, unanswered
  status           TEXT NOT NULL DEFAULT 'received',
  rang_at          TIMESTAMPTZ NOT NULL,
  answered_at      TIMESTAMPTZ,
  ended_at         TIMESTAMPTZ,
  taxpayer_id      BIGINT REFERENCES taxpayers(id),
  npwp             TEXT,
  nik              TEXT,
  application      TEXT REFERENCES applications(code),
  question         TEXT,
  notes            TEXT,
  version          INT NOT NULL DEFAULT 1,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (npwp IS NULL OR npwp ~ '^[0-9]{15,16}$'),
  CHECK (nik IS NULL OR nik ~ '^[0-9]{16}$')
);
CREATE INDEX tickets_caller_phone ON tickets(caller_phone, created_at DESC);
CREATE INDEX tickets_agent ON tickets(agent_username, created_at DESC);

-- Every agent a ticket's call rang at, in order: the ticket moves when the queue rings the next one.
CREATE TABLE ticket_rings (
  ticket_id       BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  attempt         INT NOT NULL,
  agent_username  TEXT,
  agent_interface TEXT NOT NULL,
  rang_at         TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (ticket_id, attempt)
);

-- The ticket's history: who did what and when; later capabilities append their own kinds.
CREATE TABLE ticket_events (
  id        BIGSERIAL PRIMARY KEY,
  ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  actor     TEXT NOT NULL,
  kind      TEXT NOT NULL,
  detail    JSONB NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id, at);

-- Callers who hung up before any agent rang: a callback list, not tickets.
CREATE TABLE missed_calls (
  id            BIGSERIAL PRIMARY KEY,
  call_id       TEXT NOT NULL UNIQUE,
  caller_number TEXT NOT NULL,
  caller_phone  TEXT NOT NULL,
  caller_name   TEXT,
  queue         TEXT,
  joined_at     TIMESTAMPTZ NOT NULL,
  left_at       TIMESTAMPTZ NOT NULL,
  wait_seconds  INT NOT NULL,
  called_back   BOOLEAN NOT NULL DEFAULT FALSE
);

-- Each pop sent to an agent's browser, so that an unacknowledged one is re-sent on reconnect and the
-- AMI-event-to-acknowledgement time can be measured per call.
CREATE TABLE pops (
  id             BIGSERIAL PRIMARY KEY,
  ticket_id      BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  agent_username TEXT NOT NULL,
  attempt        INT NOT NULL,
  event_at       TIMESTAMPTZ NOT NULL,
  sent_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  acked_at       TIMESTAMPTZ,
  ack_latency_ms INT,
  payload        JSONB NOT NULL,
  UNIQUE (ticket_id, attempt)
);
CREATE INDEX pops_pending ON pops(agent_username) WHERE acked_at IS NULL;
