-- OpenID Connect sign-ins between the redirect to the provider and its callback, in the database so that the
-- callback may reach any node: a row is taken (deleted) by the one callback that completes it. Epoch milliseconds.
CREATE TABLE oidc_pending (
  state        TEXT PRIMARY KEY,
  binding      TEXT NOT NULL,
  nonce        TEXT NOT NULL,
  verifier     TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  created_at   BIGINT NOT NULL
);
