-- Which server node owns the AMI connection (one row). The owner renews expires_at every second; another node
-- takes the row over once it has expired, and every take-over increments token, the fencing token. A write derived
-- from AMI facts passes the token it was read under to ami_fence(), which refuses (false) once another node has
-- taken over, so a paused old owner that wakes up cannot write after it lost the lease. FOR SHARE orders such a
-- write before a concurrent take-over instead of letting the two interleave.
CREATE TABLE ami_lease (
  id         SMALLINT PRIMARY KEY CHECK (id = 1),
  owner      TEXT NOT NULL,
  token      BIGINT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);

CREATE FUNCTION ami_fence(expected BIGINT) RETURNS BOOLEAN LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  current BIGINT;
BEGIN
  SELECT token INTO current FROM ami_lease WHERE id = 1 FOR SHARE;
  RETURN current IS NOT NULL AND current = expected;
END;
$$;
