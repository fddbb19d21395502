-- SIKP knowledge base (issue 3): PostgreSQL is the source of truth, the Lucene index is rebuilt from it.
-- An article is a row with a status and a pointer to its current version; every edit (import, editor, merge of
-- a discussion answer) adds an immutable version row saying who wrote it and when.
CREATE TABLE sikp_articles (
  id               TEXT PRIMARY KEY,                 -- e.g. SIKP-EFL-0001, unchanged from the import file
  number           BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,  -- the numeric key tickets record
  status           TEXT NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
  current_version  INT NOT NULL,
  source_ticket_id BIGINT UNIQUE,                    -- a draft made from a team-leader discussion answer
  merged_into      TEXT REFERENCES sikp_articles(id),
  published_at     TIMESTAMPTZ,
  published_by     TEXT,
  reviewed         BOOLEAN NOT NULL DEFAULT false,   -- published through the editor's review, not an import
  updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX sikp_articles_status ON sikp_articles(status);

CREATE TABLE sikp_article_versions (
  article_id   TEXT NOT NULL REFERENCES sikp_articles(id) ON DELETE CASCADE,
  version      INT NOT NULL,
  app          TEXT NOT NULL,
  title        TEXT NOT NULL,
  question     TEXT NOT NULL,
  variants     JSONB NOT NULL DEFAULT '[]'::jsonb,
  answer       TEXT NOT NULL,
  keywords     JSONB NOT NULL DEFAULT '[]'::jsonb,
  content_hash TEXT NOT NULL,                        -- makes a re-import of the same content a no-op
  author       TEXT NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL,
  note         TEXT,
  PRIMARY KEY (article_id, version)
);

-- Questions answered without an SIKP article (discussion or directorate): the knowledge-gap report.
CREATE TABLE sikp_unanswered (
  ticket_id   BIGINT PRIMARY KEY,
  question    TEXT NOT NULL,
  application TEXT,
  source      TEXT NOT NULL,
  at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX sikp_unanswered_at ON sikp_unanswered(at);
