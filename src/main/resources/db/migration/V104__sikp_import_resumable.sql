-- Import jobs are resumable: a chunk's articles commit with the job's progress, and a job a stopped server left
-- running is continued from its next line by whichever server gets the next chunk, so the server run that owned a
-- job no longer matters. Jobs the earlier rule failed because of a restart are running again (their editor can
-- continue them), and the ids each job has seen are kept with it, so a repeated id is reported across a restart too.
ALTER TABLE sikp_import_jobs DROP COLUMN server_run;
UPDATE sikp_import_jobs SET state = 'running', failure = NULL
  WHERE state = 'failed' AND failure LIKE 'Impor terputus karena server dimulai ulang%';
CREATE TABLE sikp_import_seen (
  job_id     UUID NOT NULL REFERENCES sikp_import_jobs (id) ON DELETE CASCADE,
  article_id TEXT NOT NULL,
  PRIMARY KEY (job_id, article_id)
);
