package klip.access;

import java.util.Set;

/** Role names as stored and as the access table uses them; the UI labels live in the translations. */
public final class Roles {
  public static final String AGENT = "agent";
  public static final String TEAM_LEADER = "team_leader";
  public static final String ESCALATION_AGENT = "escalation_agent";
  public static final String QUALITY_ASSESSOR = "quality_assessor";
  public static final String SIKP_EDITOR = "sikp_editor";
  public static final String ADMIN = "admin";

  public static final Set<String> ALL =
      Set.of(AGENT, TEAM_LEADER, ESCALATION_AGENT, QUALITY_ASSESSOR, SIKP_EDITOR, ADMIN);

  private Roles() {
  }
}
