-- Ticket lifecycle (SOP LIP20-0009 steps 3-5): the answer given and its source live on the ticket; every
-- transition is a ticket_events row of kind 'transition' with {from, to, ...}, which is the timeline.
ALTER TABLE tickets
  ADD COLUMN answer                 TEXT,
  ADD COLUMN answer_source          TEXT,     -- sikp, discussion, directorate
  ADD COLUMN answer_article_id      BIGINT,   -- SIKP article the answer came from
  ADD COLUMN answer_article_version INT,
  ADD COLUMN status_changed_at      TIMESTAMPTZ,
  ADD COLUMN resolved_at            TIMESTAMPTZ; -- when the taxpayer got the answer (answered or delivered)

ALTER TABLE tickets ADD CONSTRAINT tickets_status_known CHECK (status IN
  ('received', 'tl_discussion', 'answered', 'escalated', 'directorate_answered', 'delivered', 'closed'));
ALTER TABLE tickets ADD CONSTRAINT tickets_answer_source_known CHECK (answer_source IS NULL OR answer_source IN
  ('sikp', 'discussion', 'directorate'));

CREATE INDEX tickets_open_status ON tickets(status, created_at) WHERE status IN ('received', 'tl_discussion');
CREATE INDEX ticket_events_kind ON ticket_events(kind, at);
