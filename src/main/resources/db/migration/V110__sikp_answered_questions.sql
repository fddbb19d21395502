-- The question of every ticket answered from a SIKP article ("Dijawab dari artikel ini"), written in the ticket's
-- own transaction: the index learns how callers put a need from the tickets the article answered.
CREATE TABLE sikp_answered_questions (
  ticket_id   BIGINT PRIMARY KEY,
  article_id  TEXT NOT NULL REFERENCES sikp_articles(id),
  question    TEXT NOT NULL,
  at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX sikp_answered_questions_article ON sikp_answered_questions(article_id, at DESC);
