-- QA (SOP Pengawasan Kualitas): evaluation forms defined by the QA section, evaluations that are never edited
-- (only superseded, with a reason, history kept), agents' disputes and blind calibration sessions.

CREATE TABLE qa_forms (
  id         BIGSERIAL PRIMARY KEY,
  name       TEXT NOT NULL,
  version    INT NOT NULL,
  active     BOOLEAN NOT NULL DEFAULT TRUE,
  created_by TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (name, version)
);

-- A fatal criterion answered "no" fails the whole evaluation (score 0), whatever the others say.
CREATE TABLE qa_criteria (
  form_id    BIGINT NOT NULL REFERENCES qa_forms(id),
  code       TEXT NOT NULL CHECK (code ~ '^[a-z_]{2,40}$'),
  label      TEXT NOT NULL,
  weight     INT NOT NULL CHECK (weight BETWEEN 0 AND 100),
  fatal      BOOLEAN NOT NULL DEFAULT FALSE,
  sort_order INT NOT NULL,
  PRIMARY KEY (form_id, code)
);

INSERT INTO qa_forms (name, version, created_by) VALUES ('Pengawasan Kualitas Layanan KLIP', 1, 'system');
INSERT INTO qa_criteria (form_id, code, label, weight, fatal, sort_order)
SELECT f.id, c.code, c.label, c.weight, c.fatal, c.sort_order FROM qa_forms f, (VALUES
  ('greeting', 'Salam pembuka sesuai standar', 10, FALSE, 1),
  ('identification', 'Identifikasi wajib pajak (NPWP/NIK) dilakukan', 15, TRUE, 2),
  ('answer', 'Jawaban benar dan lengkap', 30, TRUE, 3),
  ('sikp', 'SIKP digunakan atau kekosongan SIKP dilaporkan', 15, FALSE, 4),
  ('sop', 'SOP LIP20-0009 diikuti (diskusi TL/eskalasi bila perlu)', 10, FALSE, 5),
  ('documentation', 'Dokumentasi tiket lengkap', 10, FALSE, 6),
  ('closing', 'Salam penutup sesuai standar', 10, FALSE, 7)
) AS c(code, label, weight, fatal, sort_order);

-- Several assessors score the same call without seeing each other's scores; the spread is reported.
CREATE TABLE qa_calibrations (
  id         BIGSERIAL PRIMARY KEY,
  ticket_id  BIGINT NOT NULL REFERENCES tickets(id),
  created_by TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  closed_at  TIMESTAMPTZ
);

CREATE TABLE qa_evaluations (
  id               BIGSERIAL PRIMARY KEY,
  ticket_id        BIGINT NOT NULL REFERENCES tickets(id),
  agent_username   TEXT NOT NULL,
  assessor         TEXT NOT NULL,
  form_id          BIGINT NOT NULL REFERENCES qa_forms(id),
  answers          JSONB NOT NULL,                 -- {code: 1 | 0.5 | 0 | null (not applicable)}
  score            NUMERIC(5,2) NOT NULL,
  fatal_failed     BOOLEAN NOT NULL,
  comments         TEXT,
  calibration_id   BIGINT REFERENCES qa_calibrations(id),
  supersedes_id    BIGINT UNIQUE REFERENCES qa_evaluations(id),
  supersede_reason TEXT,
  superseded_by    BIGINT REFERENCES qa_evaluations(id),
  submitted_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK ((supersedes_id IS NULL) = (supersede_reason IS NULL))
);
CREATE INDEX qa_evaluations_ticket ON qa_evaluations(ticket_id);
CREATE INDEX qa_evaluations_agent ON qa_evaluations(agent_username, submitted_at);
CREATE UNIQUE INDEX qa_evaluations_calibration ON qa_evaluations(calibration_id, assessor)
  WHERE calibration_id IS NOT NULL;

-- A submitted evaluation is immutable: the only change ever allowed is recording its successor, once.
CREATE FUNCTION qa_evaluations_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'qa_evaluations rows are never deleted';
  END IF;
  IF OLD.superseded_by IS NOT NULL OR NEW.superseded_by IS NULL
     OR (to_jsonb(NEW) - 'superseded_by') <> (to_jsonb(OLD) - 'superseded_by') THEN
    RAISE EXCEPTION 'a submitted evaluation cannot be edited, only superseded once';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER qa_evaluations_no_edit BEFORE UPDATE OR DELETE ON qa_evaluations
  FOR EACH ROW EXECUTE FUNCTION qa_evaluations_immutable();

CREATE TABLE qa_disputes (
  id             BIGSERIAL PRIMARY KEY,
  evaluation_id  BIGINT NOT NULL REFERENCES qa_evaluations(id),
  agent_username TEXT NOT NULL,
  reason         TEXT NOT NULL,
  created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'rejected')),
  resolution     TEXT,
  resolved_by    TEXT,
  resolved_at    TIMESTAMPTZ
);
CREATE UNIQUE INDEX qa_disputes_open ON qa_disputes(evaluation_id) WHERE status = 'open';
