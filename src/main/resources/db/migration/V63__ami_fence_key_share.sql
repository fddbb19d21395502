-- The owner's lease renewals no longer queue behind its own fenced writes. ami_fence() held FOR SHARE, which
-- conflicts with any UPDATE of the row, so under load a stream of overlapping fenced commits kept the owner's
-- renewal waiting for seconds, long enough for the lease to run out under a live owner.
--
-- Now the token is a key column (a unique index on it) and the fence holds FOR KEY SHARE: an UPDATE that leaves the
-- token alone (a renewal) takes FOR NO KEY UPDATE and passes the fenced writes in flight, while any UPDATE that
-- changes the token (every take-over) takes FOR UPDATE and still waits for them, so a fenced write is ordered
-- before a take-over exactly as before.
CREATE UNIQUE INDEX ami_lease_token ON ami_lease (token);

CREATE OR REPLACE FUNCTION ami_fence(expected BIGINT) RETURNS BOOLEAN LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  current BIGINT;
BEGIN
  SELECT token INTO current FROM ami_lease WHERE id = 1 FOR KEY SHARE;
  RETURN current IS NOT NULL AND current = expected;
END;
$$;
