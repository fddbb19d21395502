-- Asterisk's Channel Event Logging (cel_pgsql writes here; asterisk-config/cel.conf and cel_pgsql.conf).
-- Owned by telephony, which reads it after an AMI outage to learn what happened meanwhile. cel_pgsql
-- inserts the columns it finds by name; eventtype as text gives the event's name (CHAN_START, ...).
CREATE TABLE cel (
  id          BIGSERIAL PRIMARY KEY,
  eventtype   TEXT NOT NULL,
  eventtime   TIMESTAMP NOT NULL,            -- UTC (usegmtime = yes)
  userdeftype TEXT,
  cid_name    TEXT,
  cid_num     TEXT,
  cid_ani     TEXT,
  cid_rdnis   TEXT,
  cid_dnid    TEXT,
  exten       TEXT,
  context     TEXT,
  channame    TEXT,
  appname     TEXT,
  appdata     TEXT,
  accountcode TEXT,
  peeraccount TEXT,
  uniqueid    TEXT,
  linkedid    TEXT,
  amaflags    INT,
  userfield   TEXT,
  peer        TEXT,
  extra       TEXT
);
CREATE INDEX cel_eventtime ON cel (eventtime);
CREATE INDEX cel_linkedid ON cel (linkedid);
