package klip.identity;

import klip.access.AccessPolicy;
import klip.access.Roles;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import klip.support.HttpSession;
import klip.support.TestServer;
import klip.http.SecuredRouter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Walks the whole route × role table as it is when the test runs (so every capability's routes are covered)
 * against the running server, for every role and for an anonymous caller: 401 without a session, 403 from the
 * table for a role it does not list, and for a listed role anything but those (a handler's own ownership 403,
 * a 400 or a 404 for the made-up ids are fine) and never a 5xx.
 */
class AccessMatrixTest {

  private static final Map<String, String> USER_OF_ROLE = Map.of(
      Roles.AGENT, "agent1", Roles.TEAM_LEADER, "tl1", Roles.ESCALATION_AGENT, "eskalasi1",
      Roles.QUALITY_ASSESSOR, "qa1", Roles.SIKP_EDITOR, "editor1", Roles.ADMIN, "admin");
  private static final Pattern PARAM = Pattern.compile(":([A-Za-z]+)");
  private static TestServer ts;
  private static final Map<String, HttpSession> sessions = new LinkedHashMap<>();

  @BeforeAll
  static void start() {
    ts = TestServer.start();
    USER_OF_ROLE.forEach((role, user) -> sessions.put(role, ts.login(user)));
  }

  @AfterAll
  static void stop() {
    ts.close();
  }

  /** Ids that exist nowhere, so allowed writes change nothing; names for the non-numeric parameters. */
  static String concretePath(String template) {
    Matcher m = PARAM.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1).toLowerCase();
      String value = name.equals("id") || name.endsWith("id") ? "999999" : "zz-none";
      m.appendReplacement(out, value);
    }
    return m.appendTail(out).toString();
  }

  @Test
  @DisplayName("Every route of the access table answers every role and an anonymous caller as the table says")
  void everyRouteEveryRole() {
    Map<String, AccessPolicy.Rule> table = AccessPolicy.table();
    assertThat(table).hasSizeGreaterThan(10);
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<String, AccessPolicy.Rule> entry : table.entrySet()) {
      String[] parts = entry.getKey().split(" ", 2);
      HttpMethod method = HttpMethod.valueOf(parts[0]);
      String path = concretePath(parts[1]);
      String body = method == HttpMethod.GET ? null : "{}";
      AccessPolicy.Rule rule = entry.getValue();

      HttpResponse<Buffer> anonymous = HttpSession.anonymous(ts.vertx, ts.port()).send(method, path, body);
      checked++;
      if (rule.open() ? anonymous.statusCode() == 401 || anonymous.statusCode() >= 500
          : anonymous.statusCode() != 401) {
        wrong.add("anonymous " + entry.getKey() + " -> " + anonymous.statusCode());
      }
      for (String role : Roles.ALL) {
        HttpResponse<Buffer> r = sessions.get(role).send(method, path, body);
        checked++;
        boolean roleRefused = r.statusCode() == 403 && r.bodyAsString().contains(SecuredRouter.ROLE_DENIED);
        boolean ok = rule.allows(role)
            ? r.statusCode() != 401 && !roleRefused && r.statusCode() < 500
            : roleRefused;
        if (!ok) {
          wrong.add(role + " " + entry.getKey() + " -> " + r.statusCode() + " " + r.bodyAsString());
        }
        renewIfEnded(role);
      }
    }
    assertThat(wrong).as("checked %d route × caller pairs", checked).isEmpty();
  }

  /** A route such as POST /api/logout ends the session it was called with: sign in again for the next row. */
  private static void renewIfEnded(String role) {
    if (sessions.get(role).get("/api/me").statusCode() == 401) {
      sessions.put(role, ts.login(USER_OF_ROLE.get(role)));
    }
  }
}
