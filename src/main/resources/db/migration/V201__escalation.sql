-- Escalations to the Direktorat TIP (SOP Tata Cara Eskalasi) and the transactional outbox that carries them
-- to the escalation desk over the event bus: the outbox row commits with the ticket's status change, a
-- publisher sends it after commit and marks it published once the consumer has confirmed.
CREATE TABLE escalations (
  id                   UUID PRIMARY KEY,
  ticket_id            BIGINT NOT NULL UNIQUE REFERENCES tickets(id) ON DELETE CASCADE,
  agent_username       TEXT,
  raised_by            TEXT NOT NULL,
  raised_at            TIMESTAMPTZ NOT NULL,
  question             TEXT NOT NULL,
  reason               TEXT,
  received_at          TIMESTAMPTZ NOT NULL,   -- when the question came in (the deadline runs from here)
  deadline_at          TIMESTAMPTZ,            -- end of the next working day after receipt
  status               TEXT NOT NULL DEFAULT 'new'
                       CHECK (status IN ('new', 'forwarding', 'forwarded', 'forward_failed', 'directorate_replied',
                                         'answered')),
  channel              TEXT,
  forwarded_by         TEXT,
  forwarded_at         TIMESTAMPTZ,
  forward_attempts     INT NOT NULL DEFAULT 0,
  forward_error        TEXT,
  directorate_reply    TEXT,                   -- what the directorate sent back (demo inbox or recorded by desk)
  directorate_reply_at TIMESTAMPTZ,
  answer               TEXT,                   -- the answer the desk recorded and handed back to the agent
  answered_by          TEXT,
  answered_at          TIMESTAMPTZ
);
CREATE INDEX escalations_status ON escalations(status, raised_at);

CREATE TABLE outbox (
  id           BIGSERIAL PRIMARY KEY,
  address      TEXT NOT NULL,
  message_key  TEXT NOT NULL,                  -- the consumer de-duplicates on this (the escalation id)
  payload      JSONB NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  attempts     INT NOT NULL DEFAULT 0,
  published_at TIMESTAMPTZ
);
CREATE INDEX outbox_pending ON outbox(id) WHERE published_at IS NULL;

-- The desk consumer's effect: one row per escalation however many times it is delivered (at-least-once).
CREATE TABLE escalation_desk_inbox (
  escalation_id UUID PRIMARY KEY REFERENCES escalations(id) ON DELETE CASCADE,
  received_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  deliveries    INT NOT NULL DEFAULT 1
);
