-- Supervision: the live board's day counters, team leaders joining calls, agents raising a hand.

-- One row per call the board saw, kept so the day's counters survive a server restart: the live calls
-- themselves are re-read from Asterisk, the finished ones only exist here.
CREATE TABLE board_calls (
  call_id         TEXT PRIMARY KEY,                -- Asterisk Linkedid
  queue           TEXT,
  caller_number   TEXT,
  queued_at       TIMESTAMPTZ,
  rang_at         TIMESTAMPTZ,
  answered_at     TIMESTAMPTZ,
  ended_at        TIMESTAMPTZ,
  agent_interface TEXT
);
CREATE INDEX board_calls_queued ON board_calls(queued_at);

-- A team leader joining a live call (ChanSpy): requested over HTTP, started and stopped by AMI events.
CREATE TABLE supervision_joins (
  id             BIGSERIAL PRIMARY KEY,
  call_id        TEXT NOT NULL,
  team_leader    TEXT NOT NULL,
  agent_username TEXT,
  mode           TEXT NOT NULL CHECK (mode IN ('listen', 'whisper', 'barge')),
  requested_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  spyer_channel  TEXT,
  started_at     TIMESTAMPTZ,
  ended_at       TIMESTAMPTZ,
  failure        TEXT
);
CREATE INDEX supervision_joins_call ON supervision_joins(call_id);
CREATE INDEX supervision_joins_open ON supervision_joins(team_leader) WHERE ended_at IS NULL;

-- An agent asking their team leader for help during a live call; lowered by a team leader, the agent,
-- or when the call ends.
CREATE TABLE raised_hands (
  id             BIGSERIAL PRIMARY KEY,
  call_id        TEXT NOT NULL,
  agent_username TEXT NOT NULL,
  team           TEXT NOT NULL,
  note           TEXT,
  raised_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  lowered_at     TIMESTAMPTZ,
  lowered_by     TEXT
);
CREATE UNIQUE INDEX raised_hands_open ON raised_hands(call_id, agent_username) WHERE lowered_at IS NULL;
