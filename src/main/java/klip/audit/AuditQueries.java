package klip.audit;

/** The audit log's SQL: appends under one advisory lock so the chain has a single order, even across nodes. */
final class AuditQueries {

  /** Any constant will do; it only has to be the same on every node. */
  static final String LOCK_CHAIN = "SELECT pg_advisory_xact_lock(500001)";
  static final String LAST = "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1";
  static final String INSERT = """
      INSERT INTO audit_log (id, at, actor, action, target, detail, remote_address, prev_hash, hash)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      """;
  static final String PAGE_FOR_VERIFY = """
      SELECT id, at, actor, action, target, detail, remote_address, prev_hash, hash
      FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2
      """;
  /** Newest first, optionally filtered by actor and by a part of the action; $1 = before id (0 = newest). */
  static final String LIST = """
      SELECT id, at, actor, action, target, detail, remote_address, hash
      FROM audit_log
      WHERE ($1 = 0 OR id < $1) AND ($2::text IS NULL OR actor = $2) AND ($3::text IS NULL OR strpos(action, $3) > 0)
      ORDER BY id DESC LIMIT $4
      """;

  private AuditQueries() {
  }
}
