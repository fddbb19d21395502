-- Team-leader discussions (SOP step 3): a thread on a ticket between its agent and a team leader. What the
-- agent saw when asking (the question and the SIKP suggestions on screen) is kept in context.
CREATE TABLE discussions (
  id             BIGSERIAL PRIMARY KEY,
  ticket_id      BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  agent_username TEXT NOT NULL,
  team_leader    TEXT NOT NULL,
  question       TEXT NOT NULL,
  context        JSONB NOT NULL DEFAULT '{}'::jsonb,
  opened_at      TIMESTAMPTZ NOT NULL,
  first_reply_at TIMESTAMPTZ,
  alerted_leader TEXT,            -- the next team leader on duty, told when nobody replied in time
  alerted_at     TIMESTAMPTZ,
  closed_at      TIMESTAMPTZ
);
CREATE UNIQUE INDEX discussions_one_open_per_ticket ON discussions(ticket_id) WHERE closed_at IS NULL;
CREATE INDEX discussions_open_leader ON discussions(team_leader) WHERE closed_at IS NULL;

CREATE TABLE discussion_messages (
  id            BIGSERIAL PRIMARY KEY,
  discussion_id BIGINT NOT NULL REFERENCES discussions(id) ON DELETE CASCADE,
  author        TEXT NOT NULL,
  body          TEXT NOT NULL,
  at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX discussion_messages_thread ON discussion_messages(discussion_id, at);

-- Callbacks to the taxpayer once the directorate has answered: an AMI Originate, agent's phone first.
CREATE TABLE callbacks (
  id             BIGSERIAL PRIMARY KEY,
  ticket_id      BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  agent_username TEXT NOT NULL,
  agent_channel  TEXT NOT NULL,
  number         TEXT NOT NULL,
  requested_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  outcome        TEXT NOT NULL DEFAULT 'requested' CHECK (outcome IN ('requested', 'originated', 'failed')),
  detail         TEXT
);
CREATE INDEX callbacks_ticket ON callbacks(ticket_id, requested_at);
