package klip.qa;

/** Every SQL statement of the QA capability; {@code $n} parameters only. */
final class QaQueries {

  private QaQueries() {
  }

  /** The current (not superseded, not calibration) evaluations of each ticket: how many, and the latest score. */
  static final String EVALUATION_COUNTS = """
      SELECT e.ticket_id, count(*) AS evaluations, (array_agg(e.score ORDER BY e.submitted_at DESC))[1] AS score
      FROM qa_evaluations e
      WHERE e.ticket_id = ANY($1) AND e.superseded_by IS NULL AND e.calibration_id IS NULL
      GROUP BY e.ticket_id
      """;

  static final String ACTIVE_FORM = """
      SELECT f.id, f.name, f.version, c.code, c.label, c.weight, c.fatal
      FROM qa_forms f JOIN qa_criteria c ON c.form_id = f.id
      WHERE f.id = (SELECT id FROM qa_forms WHERE active ORDER BY created_at DESC, id DESC LIMIT 1)
      ORDER BY c.sort_order
      """;

  static final String FORM_BY_ID = """
      SELECT f.id, f.name, f.version, c.code, c.label, c.weight, c.fatal
      FROM qa_forms f JOIN qa_criteria c ON c.form_id = f.id WHERE f.id = $1 ORDER BY c.sort_order
      """;

  static final String NEW_FORM = """
      INSERT INTO qa_forms (name, version, created_by)
      VALUES ($1, COALESCE((SELECT max(version) FROM qa_forms WHERE name = $1), 0) + 1, $2)
      RETURNING id, version
      """;

  static final String ADD_CRITERION = """
      INSERT INTO qa_criteria (form_id, code, label, weight, fatal, sort_order) VALUES ($1, $2, $3, $4, $5, $6)
      """;

  static final String DEACTIVATE_OTHER_FORMS = "UPDATE qa_forms SET active = FALSE WHERE id <> $1 AND active";

  static final String EVALUATION_COLUMNS = """
      e.id, e.ticket_id, e.agent_username, e.assessor, e.form_id, e.answers, e.score, e.fatal_failed, e.comments,
      e.calibration_id, e.supersedes_id, e.supersede_reason, e.superseded_by, e.submitted_at,
      (SELECT json_build_object('id', d.id, 'status', d.status, 'reason', d.reason, 'resolution', d.resolution)
         FROM qa_disputes d WHERE d.evaluation_id = e.id ORDER BY d.id DESC LIMIT 1) AS dispute
      """;

  static final String INSERT_EVALUATION = """
      INSERT INTO qa_evaluations (ticket_id, agent_username, assessor, form_id, answers, score, fatal_failed,
                                  comments, calibration_id, supersedes_id, supersede_reason)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
      RETURNING id
      """;

  static final String EVALUATION = "SELECT " + EVALUATION_COLUMNS + " FROM qa_evaluations e WHERE e.id = $1";

  static final String EVALUATIONS_OF_TICKET = "SELECT " + EVALUATION_COLUMNS
      + " FROM qa_evaluations e WHERE e.ticket_id = $1 AND e.calibration_id IS NULL ORDER BY e.id";

  static final String EVALUATIONS_OF_AGENT = "SELECT " + EVALUATION_COLUMNS + """
       FROM qa_evaluations e WHERE e.agent_username = $1 AND e.calibration_id IS NULL
      ORDER BY e.submitted_at DESC LIMIT $2
      """;

  static final String MARK_SUPERSEDED = """
      UPDATE qa_evaluations SET superseded_by = $2 WHERE id = $1 AND superseded_by IS NULL RETURNING id
      """;

  static final String WEEKLY_SCORES = """
      SELECT date_trunc('week', e.submitted_at AT TIME ZONE 'Asia/Jakarta')::date AS week,
             round(avg(e.score), 2) AS average, count(*) AS evaluations,
             count(*) FILTER (WHERE e.fatal_failed) AS fatal
      FROM qa_evaluations e
      WHERE e.agent_username = $1 AND e.superseded_by IS NULL AND e.calibration_id IS NULL
      GROUP BY 1 ORDER BY 1
      """;

  static final String OPEN_DISPUTE = """
      INSERT INTO qa_disputes (evaluation_id, agent_username, reason) VALUES ($1, $2, $3) RETURNING id
      """;

  static final String DISPUTES = """
      SELECT d.id, d.evaluation_id, d.agent_username, d.reason, d.created_at, d.status, d.resolution, d.resolved_by,
             e.ticket_id, e.score, e.assessor
      FROM qa_disputes d JOIN qa_evaluations e ON e.id = d.evaluation_id
      WHERE ($1::text IS NULL OR d.status = $1) ORDER BY d.created_at DESC LIMIT 200
      """;

  static final String RESOLVE_DISPUTE = """
      UPDATE qa_disputes SET status = $2, resolution = $3, resolved_by = $4, resolved_at = now()
      WHERE id = $1 AND status = 'open' RETURNING id, evaluation_id
      """;

  static final String NEW_CALIBRATION = """
      INSERT INTO qa_calibrations (ticket_id, created_by) VALUES ($1, $2) RETURNING id, ticket_id, created_at
      """;

  static final String CALIBRATION = "SELECT id, ticket_id, created_by, created_at, closed_at FROM qa_calibrations WHERE id = $1";

  static final String CLOSE_CALIBRATION = "UPDATE qa_calibrations SET closed_at = now() WHERE id = $1 AND closed_at IS NULL";

  static final String CALIBRATION_EVALUATIONS = "SELECT " + EVALUATION_COLUMNS
      + " FROM qa_evaluations e WHERE e.calibration_id = $1 ORDER BY e.id";

  static final String OPEN_CALIBRATIONS = """
      SELECT c.id, c.ticket_id, c.created_by, c.created_at,
             EXISTS (SELECT 1 FROM qa_evaluations e WHERE e.calibration_id = c.id AND e.assessor = $1) AS submitted
      FROM qa_calibrations c WHERE c.closed_at IS NULL ORDER BY c.created_at DESC LIMIT 100
      """;
}
