package klip.identity;

/** SQL for administering users and teams; {@code $n} parameters only. */
final class UserQueries {

  static final String LIST_USERS = """
      SELECT username, display_name, role, team, phone_interface, active, demo,
             password_hash IS NOT NULL AS has_password, created_at, updated_at
      FROM users ORDER BY username
      """;
  static final String USER = """
      SELECT username, display_name, role, team, phone_interface, active, demo,
             password_hash IS NOT NULL AS has_password, created_at, updated_at
      FROM users WHERE username = $1
      """;
  static final String INSERT_USER = """
      INSERT INTO users (username, display_name, role, team, phone_interface, password_hash)
      VALUES ($1, $2, $3, $4, $5, $6)
      """;
  /** Every column given: the handler merges the request into the current row first. */
  static final String UPDATE_USER = """
      UPDATE users SET display_name = $2, role = $3, team = $4, phone_interface = $5, active = $6,
        password_hash = COALESCE($7, password_hash), updated_at = now()
      WHERE username = $1
      """;
  static final String OTHER_ACTIVE_ADMINS = """
      SELECT count(*) AS n FROM users WHERE role = 'admin' AND active AND password_hash IS NOT NULL AND username <> $1
      """;
  static final String LIST_TEAMS = """
      SELECT t.code, t.name, t.created_at, count(u.id) FILTER (WHERE u.active) AS members
      FROM teams t LEFT JOIN users u ON u.team = t.code
      GROUP BY t.code, t.name, t.created_at ORDER BY t.code
      """;
  static final String INSERT_TEAM = "INSERT INTO teams (code, name) VALUES ($1, $2)";
  static final String RENAME_TEAM = "UPDATE teams SET name = $2 WHERE code = $1";
  static final String INTERFACES = """
      SELECT phone_interface, username, role, team, active FROM users
      WHERE phone_interface IS NOT NULL ORDER BY phone_interface
      """;

  static final String TEAM_OF = "SELECT team FROM users WHERE username = $1";
  static final String TEAMS_OF = "SELECT username, team FROM users WHERE username = ANY($1)";
  static final String MEMBERS_OF = "SELECT username FROM users WHERE team = $1";

  private UserQueries() {
  }
}
