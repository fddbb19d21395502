package klip.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import io.vertx.core.json.JsonArray;
import klip.support.Eventually;
import klip.support.HttpSession;
import klip.support.TestTickets;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The audit log against real PostgreSQL: one chain under concurrency, append-only, tampering detected. */
class AuditLogTest {

  private static TestServer ts;
  private static Pool pool;

  @BeforeAll
  static void start() {
    ts = TestServer.start();
    pool = ts.server.pool();
  }

  @AfterAll
  static void stop() {
    ts.close();
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("Concurrent entries form one unbroken chain; UPDATE and DELETE are refused; an edited row is found")
  void chain() {
    AuditLog audit = new AuditLog(pool);
    ts.login("admin");
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      writes.add(audit.record("agent1", "ticket.updated", "ticket:" + i, new JsonObject().put("n", i), "10.1.1.1"));
    }
    await(Future.all(writes));
    JsonObject ok = await(audit.verify());
    assertThat(ok.getBoolean("ok")).isTrue();
    assertThat(ok.getLong("checked")).isGreaterThanOrEqualTo(41L);

    assertThatThrownBy(() -> await(pool.query("UPDATE audit_log SET actor = 'x' WHERE id = 3").execute()))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> await(pool.query("DELETE FROM audit_log WHERE id = 3").execute()))
        .hasMessageContaining("append-only");

    // A database superuser can still switch the trigger off: the chain is what catches that.
    await(pool.query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update").execute());
    await(pool.query("UPDATE audit_log SET detail = '{\"n\":999}' WHERE id = 7").execute());
    await(pool.query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update").execute());
    JsonObject broken = await(audit.verify());
    assertThat(broken.getBoolean("ok")).isFalse();
    assertThat(broken.getLong("brokenAt")).isEqualTo(7L);
    assertThat(broken.getLong("checked")).isEqualTo(6L);

    HttpSession admin = ts.login("admin");
    JsonObject viaApi = admin.get("/api/audit/verify").bodyAsJsonObject();
    assertThat(viaApi.getBoolean("ok")).isFalse();
    assertThat(viaApi.getLong("brokenAt")).isEqualTo(7L);
    assertThat(admin.get("/api/audit?action=login").bodyAsJsonArray().getJsonObject(0).getString("action"))
        .isEqualTo("login.succeeded");
    assertThat(ts.login("agent1").get("/api/audit").statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("A ticket change through the API is audited with who, what, the ticket and from where, not the text")
  void ticketChangesAreAudited() {
    long id = TestTickets.connected(pool, "agent1");
    HttpSession agent = ts.login("agent1");
    var saved = agent.put("/api/tickets/" + id, new JsonObject().put("version", 1).put("question", "EFIN saya hilang"));
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
    HttpSession admin = ts.login("admin");
    // The entry committed with the change, before the answer: no waiting.
    JsonArray entries = admin.get("/api/audit?actor=agent1&action=PUT").bodyAsJsonArray();
    assertThat(entries).isNotEmpty();
    JsonObject entry = entries.getJsonObject(0);
    assertThat(entry.getString("action")).isEqualTo("http PUT /api/tickets/:id");
    assertThat(entry.getString("target")).isEqualTo("/api/tickets/" + id);
    assertThat(entry.getString("remoteAddress")).isEqualTo("127.0.0.1");
    assertThat(entry.getString("detail")).doesNotContain("EFIN");
  }

  @Test
  @DisplayName("An audited change and its audit entry commit together: a committed change has its entry when the "
      + "answer comes, a refused one leaves none, and changes audited in concurrent transactions keep one chain")
  void entryInTheChangesTransaction() throws Exception {
    long id = TestTickets.connected(pool, "agent1");
    HttpSession agent = ts.login("agent1");
    String target = "/api/tickets/" + id;
    long firstEntry = (Long) TestTickets.scalar(pool, "SELECT COALESCE(max(id), 0) + 1 FROM audit_log");
    assertThat(agent.put(target, new JsonObject().put("version", 1).put("question", "NPWP saya terblokir"))
        .statusCode()).isEqualTo(200);
    assertThat(entriesFor(target)).as("committed with the change, so there when the answer comes").isEqualTo(1);
    assertThat(agent.put(target, new JsonObject().put("version", 1).put("question", "versi lama")).statusCode())
        .isEqualTo(409);
    var refused = agent.post(target + "/transitions", new JsonObject().put("to", "tl_discussion").put("version", 1));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(entriesFor(target)).as("the refused changes rolled back with their entries").isEqualTo(1);
    assertThat(entriesFor(target + "/transitions")).isZero();
    assertThat(TestTickets.scalar(pool, "SELECT to_regclass('audit_intents') IS NULL"))
        .as("no intent is written before a change: the table is gone").isEqualTo(true);
    var moved = agent.post(target + "/transitions", new JsonObject().put("to", "tl_discussion").put("version", 2));
    assertThat(moved.statusCode()).as(moved.bodyAsString()).isEqualTo(200);
    assertThat(entriesFor(target + "/transitions")).isEqualTo(1);

    List<Long> tickets = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      tickets.add(TestTickets.connected(pool, "agent1"));
    }
    ExecutorService callers = Executors.newFixedThreadPool(10);
    try {
      List<java.util.concurrent.Future<Integer>> saves = tickets.stream().map(t -> callers.submit(() -> agent.put(
          "/api/tickets/" + t, new JsonObject().put("version", 1).put("question", "bersamaan")).statusCode())).toList();
      for (java.util.concurrent.Future<Integer> save : saves) {
        assertThat(save.get(60, TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      callers.shutdown();
    }
    tickets.forEach(t -> assertThat(entriesFor("/api/tickets/" + t)).isEqualTo(1));
    // Another test here breaks an early entry on purpose: the links of these entries are checked instead.
    assertThat(TestTickets.scalar(pool, "SELECT count(*) FROM (SELECT id, prev_hash, lag(hash) OVER (ORDER BY id) AS "
        + "before, lag(id) OVER (ORDER BY id) AS before_id FROM audit_log) l WHERE id >= $1 AND (prev_hash <> before "
        + "OR id <> before_id + 1)", firstEntry)).as("entries each linked to the one before").isEqualTo(0L);
  }

  @Test
  @DisplayName("Across capabilities (teams, users, calendar, SIKP editing, QA disputes, escalations), a refused change "
      + "(400, 404, 409) leaves no audit entry, a committed one exactly one, and the entries link into the chain")
  void everyCapabilityAuditsInItsTransaction() {
    HttpSession admin = ts.login("admin");
    long firstEntry = (Long) TestTickets.scalar(pool, "SELECT COALESCE(max(id), 0) + 1 FROM audit_log");

    JsonObject team = new JsonObject().put("code", "tim-audit").put("name", "Tim Audit");
    assertThat(admin.post("/api/admin/teams", team).statusCode()).isEqualTo(200);
    assertThat(admin.post("/api/admin/teams", team).statusCode()).as("already there").isEqualTo(409);
    assertThat(entries("team.created", "team:tim-audit")).isEqualTo(1);

    var selfDemotion = admin.put("/api/admin/users/admin", new JsonObject().put("role", "agent"));
    assertThat(selfDemotion.statusCode()).isEqualTo(409);
    assertThat(entries("user.role_changed", "user:admin")).isZero();
    var renamed = admin.put("/api/admin/users/agent2", new JsonObject().put("displayName", "Agen Dua (audit)"));
    assertThat(renamed.statusCode()).as(renamed.bodyAsString()).isEqualTo(200);
    assertThat(entries("user.updated", "user:agent2")).isEqualTo(1);

    String day = "/api/calendar/days/2031-02-03";
    assertThat(admin.send(io.vertx.core.http.HttpMethod.DELETE, day, null).statusCode()).as("no day off yet")
        .isEqualTo(404);
    assertThat(admin.put(day, new JsonObject().put("name", "x").put("kind", "weekend")).statusCode()).isEqualTo(400);
    assertThat(entriesFor(day)).isZero();
    assertThat(admin.put(day, new JsonObject().put("name", "Libur uji audit")).statusCode()).isEqualTo(200);
    assertThat(entriesFor(day)).isEqualTo(1);

    HttpSession editor = ts.login("editor1");
    String article = editor.get("/api/sikp/articles?status=published&limit=1").bodyAsJsonArray().getJsonObject(0)
        .getString("id");
    JsonObject current = editor.get("/api/sikp/articles/" + article).bodyAsJsonObject();
    JsonObject edit = new JsonObject().put("app", current.getString("app")).put("title", current.getString("title"))
        .put("answer", current.getString("answer") + " (diperbarui)");
    assertThat(editor.put("/api/sikp/articles/" + article, edit.copy().put("version", 999)).statusCode())
        .as("a stale version").isEqualTo(409);
    assertThat(entries("sikp.edited", "sikp:" + article)).isZero();
    var saved = editor.put("/api/sikp/articles/" + article, edit.copy().put("version", current.getInteger("version")));
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
    assertThat(entries("sikp.edited", "sikp:" + article)).isEqualTo(1);

    HttpSession qa = ts.login("qa1");
    String resolve = "/api/qa/disputes/987654/resolve";
    assertThat(qa.post(resolve, new JsonObject().put("status", "upheld").put("resolution", "x")).statusCode())
        .as("no such dispute").isEqualTo(409);
    assertThat(entriesFor(resolve)).isZero();

    HttpSession desk = ts.login("eskalasi1");
    String forward = "/api/escalations/7b0f3c2e-0000-4000-8000-000000000000/forward";
    assertThat(desk.post(forward, new JsonObject()).statusCode()).isEqualTo(404);
    assertThat(entriesFor(forward)).isZero();

    assertThat(TestTickets.scalar(pool, "SELECT count(*) FROM (SELECT id, prev_hash, lag(hash) OVER (ORDER BY id) AS "
        + "before, lag(id) OVER (ORDER BY id) AS before_id FROM audit_log) l WHERE id >= $1 AND (prev_hash <> before "
        + "OR id <> before_id + 1)", firstEntry)).as("entries each linked to the one before").isEqualTo(0L);
  }

  private static long entries(String action, String target) {
    return (Long) TestTickets.scalar(pool, "SELECT count(*) FROM audit_log WHERE action = $1 AND target = $2", action,
        target);
  }

  private static long entriesFor(String target) {
    return (Long) TestTickets.scalar(pool, "SELECT count(*) FROM audit_log WHERE target = $1", target);
  }

  @Test
  @DisplayName("Appends from many callers at once all land, in one order")
  void concurrentAppends() {
    AuditLog audit = new AuditLog(pool);
    long before = (Long) await(pool.query("SELECT count(*) FROM audit_log").execute()).iterator().next().getValue(0);
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      writes.add(audit.record("qa1", "recording.played", "recording:" + i, null, "10.2.2.2"));
    }
    await(Future.all(writes));
    long after = (Long) await(pool.query("SELECT count(*) FROM audit_log").execute()).iterator().next().getValue(0);
    assertThat(after - before).isGreaterThanOrEqualTo(1000);
    long gaps = (Long) await(pool.query("SELECT max(id) - count(*) FROM audit_log").execute()).iterator().next()
        .getValue(0);
    assertThat(gaps).as("ids without gaps").isZero();
  }
}
