package klip.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
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
    // Polled: the router's audit append is a bus request to the audit verticle; nothing is published after it.
    JsonArray entries = Eventually.until("the audit entry", 30_000,
        () -> admin.get("/api/audit?actor=agent1&action=PUT").bodyAsJsonArray(), a -> !a.isEmpty());
    JsonObject entry = entries.getJsonObject(0);
    assertThat(entry.getString("action")).isEqualTo("http PUT /api/tickets/:id");
    assertThat(entry.getString("target")).isEqualTo("/api/tickets/" + id);
    assertThat(entry.getString("remoteAddress")).isEqualTo("127.0.0.1");
    assertThat(entry.getString("detail")).doesNotContain("EFIN");
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
