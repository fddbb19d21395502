package klip.telephony;

import io.vertx.core.json.JsonObject;
import klip.pbx.CallScenario;
import klip.pbx.SimulatedPbx;
import klip.support.HttpSession;
import klip.support.OutlivingPbx;
import klip.support.Sql;
import klip.support.TestPostgres;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server nodes on one database and one PBX (its own Vert.x, so it outlives either node): exactly one owns the
 * AMI connection, the other takes over when the owner stops, and the old owner's fencing token is refused.
 */
class AmiFailoverTest {

  private static final Logger log = LoggerFactory.getLogger(AmiFailoverTest.class);

  @Test
  @DisplayName("One node owns AMI, the other stands by; when the owner's Vert.x stops the standby takes over, "
      + "resynchronises and opens the next call's ticket once, and the old owner's fencing token writes nothing")
  void standbyTakesOverAndFencesTheOldOwner() throws Exception {
    OutlivingPbx outliving = OutlivingPbx.start();
    SimulatedPbx pbx = outliving.pbx;
    JsonObject onThePbx = outliving.amiSettings();
    TestServer first = TestServer.start(onThePbx, TestPostgres.freshDatabase(), true);
    TestServer second = null;
    try {
      AmiStatus owner = first.server.amiStatus();
      long oldToken = owner.fencingToken();
      second = TestServer.start(onThePbx, first.database, false);
      AmiStatus standby = second.server.amiStatus();

      JsonObject standbyHealth = health(second);
      assertThat(standbyHealth.getString("status")).isEqualTo("UP");
      JsonObject ami = standbyHealth.getJsonObject("checks").getJsonObject("ami");
      assertThat(ami.getString("owner")).isEqualTo(owner.node()).isNotEqualTo(standby.node());
      assertThat(ami.getString("detail")).startsWith("Standby");
      assertThat(standby.connected()).isFalse();
      assertThat(health(first).getJsonObject("checks").getJsonObject("ami").getString("owner"))
          .isEqualTo(owner.node());

      long stoppedAt = System.nanoTime();
      first.vertx.close().await(30, TimeUnit.SECONDS);
      standby.firstConnection().await(30, TimeUnit.SECONDS);
      log.info("AMI take-over took {} ms", (System.nanoTime() - stoppedAt) / 1_000_000);

      assertThat(standby.fencingToken()).isGreaterThan(oldToken);
      ListeningMark mark = new ListeningMark(second.server.pool());
      assertThat(mark.heardAt(System.currentTimeMillis(), oldToken).await(10, TimeUnit.SECONDS))
          .as("a write under the old owner's token").isFalse();
      assertThat(mark.heardAt(System.currentTimeMillis(), standby.fencingToken()).await(10, TimeUnit.SECONDS))
          .as("a write under the current token").isTrue();

      String callId = pbx.play(CallScenario.answered("081234567002", "Sari", "Local/agent1@agents/n", "Agent One"))
          .await(30, TimeUnit.SECONDS);
      TestServer node = second;
      klip.support.Eventually.until("the call's ticket ended", 30_000, () -> Sql.rows(node.server.pool(),
          "SELECT call_status FROM tickets WHERE call_id = $1", callId), rows -> !rows.isEmpty()
          && rows.get(0).getString("call_status").equals("ended"));
      assertThat(Sql.rows(node.server.pool(), "SELECT id FROM tickets WHERE call_id = $1", callId)).hasSize(1);
    } finally {
      if (second != null) {
        second.close();
      }
      first.close();
      outliving.close();
    }
  }

  @Test
  @DisplayName("A node killed and started again on the same machine takes the lease its dead process held at once, "
      + "with a new token, instead of leaving Asterisk unheard until that lease runs out")
  void restartedProcessTakesTheDeadOwnersLeaseAtOnce() throws Exception {
    OutlivingPbx outliving = OutlivingPbx.start();
    SimulatedPbx pbx = outliving.pbx;
    JsonObject onThePbx = outliving.amiSettings();
    TestServer before = TestServer.start(onThePbx, TestPostgres.freshDatabase(), true);
    long tokenBefore = before.server.amiStatus().fencingToken();
    before.close();
    // What kill -9 leaves: the lease still runs (an hour here, so only the take-over can end the wait) and names a
    // process of this machine that has ended.
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    String host = java.lang.management.ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^[^@]*@", "");
    String deadOwner = ended.pid() + "@" + host + "/0";
    try (var connection = java.sql.DriverManager.getConnection(before.database.jdbcUrl(), before.database.user(),
        before.database.password()); var update = connection.prepareStatement(
        "UPDATE ami_lease SET owner = ?, expires_at = now() + interval '1 hour' WHERE id = 1")) {
      update.setString(1, deadOwner);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
    TestServer after = TestServer.start(onThePbx, before.database, true);
    try {
      AmiStatus status = after.server.amiStatus();
      assertThat(status.owner()).isEqualTo(status.node());
      assertThat(status.fencingToken()).isGreaterThan(tokenBefore);
    } finally {
      after.close();
      outliving.close();
    }
  }

  private static JsonObject health(TestServer node) {
    return HttpSession.anonymous(node.vertx, node.port()).get("/health").bodyAsJsonObject();
  }
}
