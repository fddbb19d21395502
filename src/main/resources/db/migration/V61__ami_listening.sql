-- Until when the server last heard Asterisk's event stream (one row, refreshed every few seconds while the AMI
-- connection is up). At the next start, the calls Asterisk's CEL recorded since then are replayed: a call wholly
-- inside the server's downtime still gets its ticket or missed-call row.
CREATE TABLE ami_listening (
  id          SMALLINT PRIMARY KEY CHECK (id = 1),
  heard_until TIMESTAMPTZ NOT NULL
);
