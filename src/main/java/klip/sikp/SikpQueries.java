package klip.sikp;

/** Every SQL statement of the SIKP capability ($n parameters only). */
final class SikpQueries {

  private static final String CURRENT = """
      SELECT a.id, a.number, a.status, a.current_version, a.source_ticket_id, a.merged_into, a.published_at,
             a.published_by, a.reviewed, a.updated_at, v.app, v.title, v.question, v.variants, v.answer, v.keywords,
             v.content_hash, v.author, v.created_at
        FROM sikp_articles a JOIN sikp_article_versions v ON v.article_id = a.id AND v.version = a.current_version
      """;

  static final String PUBLISHED = CURRENT + " WHERE a.status = 'published'";
  static final String BY_ID = CURRENT + " WHERE a.id = $1";
  static final String BY_ID_FOR_UPDATE = CURRENT + " WHERE a.id = $1 FOR UPDATE OF a";
  static final String BY_NUMBER = CURRENT + " WHERE a.number = $1";
  static final String BY_STATUS = CURRENT + " WHERE a.status = $1 ORDER BY a.updated_at DESC LIMIT $2";
  static final String COUNT = "SELECT count(*) AS n FROM sikp_articles";
  /** Changes by another process (the import command, another node) move this stamp. */
  static final String STAMP = "SELECT count(*) || '@' || COALESCE(max(updated_at)::text, '') AS stamp FROM sikp_articles";

  static final String VERSIONS = """
      SELECT version, app, title, question, variants, answer, keywords, author, created_at, note
        FROM sikp_article_versions WHERE article_id = $1 ORDER BY version
      """;
  static final String VERSION = """
      SELECT version, app, title, question, variants, answer, keywords, author, created_at, note
        FROM sikp_article_versions WHERE article_id = $1 AND version = $2
      """;

  static final String INSERT_ARTICLE = """
      INSERT INTO sikp_articles (id, status, current_version, source_ticket_id, published_at, published_by, updated_at)
      VALUES ($1, $2, 1, $3, $4, $5, $6)
      """;
  static final String INSERT_VERSION = """
      INSERT INTO sikp_article_versions
        (article_id, version, app, title, question, variants, answer, keywords, content_hash, author, created_at, note)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
      """;
  /** Moves the current pointer to a new version; a published article stays published. */
  static final String SET_VERSION = """
      UPDATE sikp_articles SET current_version = $2, updated_at = $3 WHERE id = $1
      """;
  static final String PUBLISH = """
      UPDATE sikp_articles SET status = 'published', published_at = $2, published_by = $3, reviewed = $4,
             updated_at = $2 WHERE id = $1
      """;
  static final String RETIRE = """
      UPDATE sikp_articles SET status = 'retired', merged_into = $3, updated_at = $2 WHERE id = $1
      """;
  /** The next free id with this prefix ("SIKP-EFL-"), four digits like the shipped corpus. */
  static final String NEXT_ID = """
      SELECT $1 || lpad((COALESCE(max(substring(id FROM '([0-9]+)$')::int), 0) + 1)::text, 4, '0') AS id
        FROM sikp_articles WHERE id LIKE $1 || '%'
      """;
  static final String BY_TICKET = "SELECT id FROM sikp_articles WHERE source_ticket_id = $1";

  static final String RECORD_UNANSWERED = """
      INSERT INTO sikp_unanswered (ticket_id, question, application, source, at, answer, actor)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (ticket_id) DO NOTHING
      """;
  static final String PENDING_DRAFTS = """
      SELECT ticket_id, question, application, answer, actor FROM sikp_unanswered
       WHERE source = 'discussion' AND answer IS NOT NULL AND drafted_at IS NULL
       ORDER BY at LIMIT $1
      """;
  static final String MARK_DRAFTED = "UPDATE sikp_unanswered SET drafted_at = $2 WHERE ticket_id = $1";
  static final String UNANSWERED_SINCE = """
      SELECT ticket_id, question, application, at FROM sikp_unanswered WHERE at >= $1 ORDER BY at DESC LIMIT 5000
      """;

  /** The article is named by its number, as the ticket stores it; an unknown number records nothing. */
  static final String RECORD_ANSWERED_FROM = """
      INSERT INTO sikp_answered_questions (ticket_id, article_id, question, at)
      SELECT $1, id, $3, $4 FROM sikp_articles WHERE number = $2
      ON CONFLICT (ticket_id) DO NOTHING
      """;
  /** Per article, its most recent answered questions since $1, at most $2 each. */
  static final String ASKED_RECENT = """
      SELECT article_id, question FROM (
        SELECT article_id, question, at,
               row_number() OVER (PARTITION BY article_id ORDER BY at DESC, ticket_id DESC) AS n
          FROM sikp_answered_questions WHERE at >= $1) recent
       WHERE n <= $2 ORDER BY article_id, at DESC
      """;
  static final String ASKED_RECENT_OF = """
      SELECT question FROM sikp_answered_questions WHERE article_id = $1 AND at >= $2
       ORDER BY at DESC, ticket_id DESC LIMIT $3
      """;
  static final String ARTICLE_OF_NUMBER = "SELECT id FROM sikp_articles WHERE number = $1";

  private SikpQueries() {
  }

  static final String IMPORT_JOB_CREATE = """
      INSERT INTO sikp_import_jobs (id, owner, total_lines, progress) VALUES ($1, $2, $3, $4)
      """;
  static final String IMPORT_JOB_PROGRESS = """
      UPDATE sikp_import_jobs SET progress = $2, state = $3, updated_at = now() WHERE id = $1
      """;
  static final String IMPORT_JOB_BY_ID = "SELECT owner, state, progress, failure FROM sikp_import_jobs WHERE id = $1";
  static final String IMPORT_JOB_LOCK = """
      SELECT owner, state, progress, failure FROM sikp_import_jobs WHERE id = $1 FOR UPDATE
      """;
  /** One row when the job sees this article id for the first time in its file, none when it is a repeat. */
  static final String IMPORT_SEEN = """
      INSERT INTO sikp_import_seen (job_id, article_id) VALUES ($1, $2) ON CONFLICT DO NOTHING
      """;
  static final String IMPORT_JOBS_RUNNING = "SELECT count(*) AS n FROM sikp_import_jobs WHERE state = 'running'";
}
