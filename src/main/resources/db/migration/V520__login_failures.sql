-- Failed sign-ins per user name and per client address, in the database so that every node of a cluster counts
-- the same failures and a lock-out holds whichever node the next attempt reaches. Times are epoch milliseconds of
-- the server clock that counted them.
CREATE TABLE login_failures (
  key          TEXT PRIMARY KEY,
  failures     INT NOT NULL,
  first_at     BIGINT NOT NULL,
  locked_until BIGINT NOT NULL
);
