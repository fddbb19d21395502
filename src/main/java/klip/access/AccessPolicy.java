package klip.access;

import io.vertx.core.http.HttpMethod;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The route × role table: which roles may call which HTTP route, in one place. A route registered through
 * {@code klip.http.SecuredRouter} without a row here fails the server's start (and so the build's tests).
 * Ownership (an agent's own tickets, a team leader's own team) is checked by the handlers on top of this.
 */
public final class AccessPolicy {

  /** Who may call a route: nobody signed in needed ({@code open}), or any of {@code roles}. */
  public record Rule(boolean open, Set<String> roles) {
    public boolean allows(String role) {
      return open || roles.contains(role);
    }
  }

  private static final Set<String> ANY_ROLE = Roles.ALL;
  private static final Map<String, Rule> RULES = new LinkedHashMap<>();

  static {
    open("POST /api/login");
    // Single sign-on (OpenID Connect), mounted only when KLIP_OIDC_ISSUER is set.
    open("GET /api/oidc");
    open("GET /api/oidc/login");
    open("GET /api/oidc/callback");
    allow("POST /api/logout", ANY_ROLE);
    allow("GET /api/me", ANY_ROLE);
    allow("POST /api/me/password", ANY_ROLE);
    allow("GET /api/applications", ANY_ROLE);
    allow("GET /api/tickets", Roles.AGENT, Roles.TEAM_LEADER, Roles.ESCALATION_AGENT, Roles.QUALITY_ASSESSOR,
        Roles.ADMIN);
    allow("GET /api/tickets/search", Roles.AGENT, Roles.TEAM_LEADER);
    allow("GET /api/tickets/:id", Roles.AGENT, Roles.TEAM_LEADER, Roles.ESCALATION_AGENT, Roles.QUALITY_ASSESSOR,
        Roles.ADMIN);
    allow("PUT /api/tickets/:id", Roles.AGENT, Roles.TEAM_LEADER);
    allow("POST /api/tickets/:id/taxpayer", Roles.AGENT, Roles.TEAM_LEADER);
    allow("GET /api/tickets/:id/draft", Roles.AGENT, Roles.TEAM_LEADER);
    allow("PUT /api/tickets/:id/draft", Roles.AGENT, Roles.TEAM_LEADER);
    allow("GET /api/desk/state", Roles.AGENT, Roles.TEAM_LEADER);
    allow("POST /api/pops/:id/ack", Roles.AGENT, Roles.TEAM_LEADER);
    allow("GET /api/missed-calls", Roles.AGENT, Roles.TEAM_LEADER, Roles.ADMIN);
    // Administration: people, teams, roles, phone interfaces.
    allow("GET /api/admin/users", Roles.ADMIN);
    allow("POST /api/admin/users", Roles.ADMIN);
    allow("PUT /api/admin/users/:username", Roles.ADMIN);
    allow("GET /api/admin/roles", Roles.ADMIN);
    allow("GET /api/admin/interfaces", Roles.ADMIN);
    allow("GET /api/admin/teams", Roles.ADMIN);
    allow("POST /api/admin/teams", Roles.ADMIN);
    allow("PUT /api/admin/teams/:code", Roles.ADMIN);
    allow("GET /api/audit", Roles.ADMIN, Roles.QUALITY_ASSESSOR);
    allow("GET /api/audit/verify", Roles.ADMIN, Roles.QUALITY_ASSESSOR);
    recordingsAndQa();
    allow("GET /api/board", Roles.TEAM_LEADER);
    allow("POST /api/board/calls/:callId/join", Roles.TEAM_LEADER);
    allow("POST /api/board/calls/:callId/leave", Roles.TEAM_LEADER);
    allow("POST /api/hands", Roles.AGENT);
    allow("GET /api/agent/state", Roles.AGENT, Roles.TEAM_LEADER);
    allow("PUT /api/agent/state", Roles.AGENT, Roles.TEAM_LEADER);
    allow("POST /api/tickets/:id/hangup", Roles.AGENT, Roles.TEAM_LEADER);
    allow("POST /api/tickets/:id/hold", Roles.AGENT, Roles.TEAM_LEADER);
    allow("POST /api/tickets/:id/unhold", Roles.AGENT, Roles.TEAM_LEADER);
    allow("POST /api/tickets/:id/transfer", Roles.AGENT, Roles.TEAM_LEADER);
    allow("POST /api/hands/:id/lower", Roles.AGENT, Roles.TEAM_LEADER);
    lifecycleAndEscalation();
    sikp();
    allow("GET /api/demo", ANY_ROLE);
    allow("POST /api/demo/ring", ANY_ROLE);
  }

  /** Ticket lifecycle, escalation desk, demo directorate inbox, working calendar, discussions, SLA. */
  private static void lifecycleAndEscalation() {
    // Ticket lifecycle: who may make which move is checked again per target status.
    allow("POST /api/tickets/:id/transitions", Roles.AGENT, Roles.TEAM_LEADER, Roles.ESCALATION_AGENT);
    allow("GET /api/tickets/:id/lifecycle", Roles.AGENT, Roles.TEAM_LEADER, Roles.ESCALATION_AGENT,
        Roles.QUALITY_ASSESSOR, Roles.ADMIN);
    allow("GET /api/escalations", Roles.ESCALATION_AGENT, Roles.TEAM_LEADER, Roles.ADMIN);
    allow("GET /api/escalations/:id", Roles.ESCALATION_AGENT, Roles.TEAM_LEADER, Roles.ADMIN);
    allow("POST /api/escalations/:id/forward", Roles.ESCALATION_AGENT);
    allow("POST /api/escalations/:id/answer", Roles.ESCALATION_AGENT);
    // The built-in demo directorate inbox stands in for the Direktorat TIP's own system.
    allow("GET /api/directorate/inbox", Roles.ESCALATION_AGENT, Roles.ADMIN);
    allow("POST /api/directorate/inbox/:id/reply", Roles.ESCALATION_AGENT, Roles.ADMIN);
    allow("GET /api/calendar/days", ANY_ROLE);
    allow("PUT /api/calendar/days/:date", Roles.ADMIN);
    allow("DELETE /api/calendar/days/:date", Roles.ADMIN);
    allow("GET /api/calendar/deadline", ANY_ROLE);
    allow("POST /api/tickets/:id/discussions", Roles.AGENT);
    allow("GET /api/discussions", Roles.AGENT, Roles.TEAM_LEADER);
    allow("GET /api/discussions/:id", Roles.AGENT, Roles.TEAM_LEADER);
    allow("POST /api/discussions/:id/messages", Roles.AGENT, Roles.TEAM_LEADER);
    allow("GET /api/tickets/:id/sla", Roles.AGENT, Roles.TEAM_LEADER, Roles.ESCALATION_AGENT, Roles.QUALITY_ASSESSOR,
        Roles.ADMIN);
    allow("POST /api/tickets/:id/callback", Roles.AGENT, Roles.TEAM_LEADER);
    allow("GET /api/reports/sla", Roles.TEAM_LEADER, Roles.ESCALATION_AGENT, Roles.QUALITY_ASSESSOR, Roles.ADMIN);
  }

  /** SIKP: the desk reads published articles; editors keep them; editors and admins import. */
  private static void sikp() {
    String[] readers = {Roles.AGENT, Roles.TEAM_LEADER, Roles.ESCALATION_AGENT, Roles.QUALITY_ASSESSOR,
        Roles.SIKP_EDITOR, Roles.ADMIN};
    allow("GET /api/sikp/suggest", readers);
    allow("GET /api/sikp/articles/:id", readers);
    allow("GET /api/sikp/articles/:id/versions", readers);
    allow("GET /api/sikp/articles/:id/diff", readers);
    allow("GET /api/sikp/articles", Roles.SIKP_EDITOR, Roles.ADMIN);
    allow("PUT /api/sikp/articles/:id", Roles.SIKP_EDITOR);
    allow("POST /api/sikp/articles/:id/publish", Roles.SIKP_EDITOR);
    allow("POST /api/sikp/articles/:id/retire", Roles.SIKP_EDITOR);
    allow("POST /api/sikp/articles/:id/merge", Roles.SIKP_EDITOR);
    allow("GET /api/sikp/gaps", Roles.SIKP_EDITOR, Roles.TEAM_LEADER, Roles.ADMIN);
    allow("POST /api/sikp/imports", Roles.SIKP_EDITOR, Roles.ADMIN);
    allow("POST /api/sikp/imports/:id/chunks", Roles.SIKP_EDITOR, Roles.ADMIN);
    allow("POST /api/sikp/imports/:id/finish", Roles.SIKP_EDITOR, Roles.ADMIN);
    allow("GET /api/sikp/imports/:id", Roles.SIKP_EDITOR, Roles.ADMIN);
  }

  /** Reads that are audited like changes: playbacks and downloads of recordings and screen captures. */
  private static final Set<String> AUDITED_READS = Set.of(
      "GET /api/recordings/:id/audio", "GET /api/captures/:id/events");
  /**
   * Changes not audited generically: sign-in and sign-out record their own entries; pop acknowledgements,
   * capture chunks and import chunks are machine traffic many times per call (the import's finish is audited).
   */
  private static final Set<String> UNAUDITED_WRITES = Set.of(
      "POST /api/login", "POST /api/logout", "POST /api/pops/:id/ack",
      "PUT /api/captures/:id/chunks/:seq", "POST /api/sikp/imports/:id/chunks");

  private AccessPolicy() {
  }

  /**
   * Whether a successful call of this route ("METHOD /api/path") goes into the audit log: every change but machine
   * traffic and the sign-in routes, and the reads of recordings and screen captures.
   */
  public static boolean audited(String route) {
    if (route.startsWith("GET ")) {
      return AUDITED_READS.contains(route);
    }
    return !UNAUDITED_WRITES.contains(route);
  }

  /** Recordings and QA: ownership (own ticket, own team, own evaluations) is checked by the handlers. */
  private static void recordingsAndQa() {
    String[] listeners = {Roles.QUALITY_ASSESSOR, Roles.ADMIN, Roles.TEAM_LEADER, Roles.AGENT};
    allow("GET /api/recording-alerts", Roles.QUALITY_ASSESSOR, Roles.ADMIN);
    allow("POST /api/recordings/integrity-check", Roles.QUALITY_ASSESSOR, Roles.ADMIN);
    allow("POST /api/recordings/purge", Roles.ADMIN);
    allow("GET /api/recordings/:id", listeners);
    allow("GET /api/recordings/:id/peaks", listeners);
    allow("GET /api/recordings/:id/audio", listeners);
    allow("POST /api/recordings/:id/playbacks", listeners);
    allow("POST /api/recordings/:id/verify", Roles.QUALITY_ASSESSOR, Roles.ADMIN);
    allow("GET /api/recordings/:id/audit", Roles.QUALITY_ASSESSOR, Roles.ADMIN);
    // Screen captures: the agent (or team leader) on the call uploads; viewers as for recordings.
    allow("POST /api/captures", Roles.AGENT, Roles.TEAM_LEADER);
    allow("GET /api/captures/:id", Roles.AGENT, Roles.TEAM_LEADER);
    allow("PUT /api/captures/:id/chunks/:seq", Roles.AGENT, Roles.TEAM_LEADER);
    allow("POST /api/captures/:id/finish", Roles.AGENT, Roles.TEAM_LEADER);
    allow("POST /api/captures/:id/snapshot", Roles.AGENT, Roles.TEAM_LEADER);
    allow("GET /api/captures/:id/events", listeners);
    // QA console: quality assessors see every interaction; agents only their own evaluations (checked per row).
    String qa = Roles.QUALITY_ASSESSOR;
    allow("GET /api/qa/interactions", qa, Roles.ADMIN);
    allow("GET /api/qa/sample", qa);
    allow("GET /api/qa/interactions/:id", qa, Roles.ADMIN);
    allow("GET /api/qa/forms/active", qa, Roles.SIKP_EDITOR, Roles.AGENT, Roles.TEAM_LEADER, Roles.ADMIN);
    allow("POST /api/qa/forms", Roles.SIKP_EDITOR, Roles.ADMIN);
    allow("POST /api/qa/evaluations", qa);
    allow("GET /api/qa/evaluations/:id", qa, Roles.ADMIN, Roles.AGENT, Roles.TEAM_LEADER);
    allow("POST /api/qa/evaluations/:id/supersede", qa);
    allow("GET /api/qa/my-evaluations", Roles.AGENT, Roles.TEAM_LEADER);
    allow("GET /api/qa/agents/:username/scores", qa, Roles.ADMIN, Roles.AGENT, Roles.TEAM_LEADER);
    allow("POST /api/qa/evaluations/:id/disputes", Roles.AGENT, Roles.TEAM_LEADER);
    allow("GET /api/qa/disputes", qa);
    allow("POST /api/qa/disputes/:id/resolve", qa);
    allow("POST /api/qa/calibrations", qa);
    allow("GET /api/qa/calibrations", qa);
    allow("GET /api/qa/calibrations/:id", qa);
    allow("POST /api/qa/calibrations/:id/close", qa);
  }

  private static void open(String route) {
    RULES.put(route, new Rule(true, Set.of()));
  }

  private static void allow(String route, String... roles) {
    RULES.put(route, new Rule(false, Set.of(roles)));
  }

  private static void allow(String route, Set<String> roles) {
    RULES.put(route, new Rule(false, roles));
  }

  /** The rule for a route as registered (path template with {@code :params}); fails if there is none. */
  public static Rule ruleFor(HttpMethod method, String path) {
    Rule rule = RULES.get(method.name() + " " + path);
    if (rule == null) {
      throw new IllegalStateException("No access rule for " + method.name() + " " + path
          + ": add one to klip.access.AccessPolicy");
    }
    return rule;
  }

  /** The whole table, for the test that walks every route and role. */
  public static Map<String, Rule> table() {
    return Collections.unmodifiableMap(RULES);
  }
}
