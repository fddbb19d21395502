-- Every audited API change now appends its audit_log entry in its own transaction (or, for an effect outside the
-- database, on its own before the effect): no intent is written before a change any more, so the table goes.
DROP TABLE audit_intents;
