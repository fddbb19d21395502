package klip.asterisk;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.db.Database;
import klip.support.BusRecorder;
import klip.support.Eventually;
import klip.support.Sql;
import klip.support.TestPostgres;
import klip.support.TestServer;
import org.asteriskjava.manager.ManagerConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * AMI outages against the real PBX: a TCP proxy between the server and Asterisk is cut and restored while a call
 * rings, while it is talking, and around a call (and a missed call) that happen wholly inside the cut. After the
 * reconnect the server reads what happened from Asterisk's CEL (the shipped cel.conf, cel_pgsql into the
 * server's database) and every call ends with the right ticket or missed-call row, agent, answer and recording.
 */
class AmiOutageIT {

  private static RealAsterisk asterisk;
  private static AmiProxy proxy;
  private static ManagerConnection controller;
  private static Calls calls;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealAsterisk.binary() != null, "no Asterisk: -D" + RealAsterisk.PROPERTY + " not set");
    Database database = TestPostgres.freshDatabase();
    asterisk = RealAsterisk.start(database);
    controller = asterisk.controller();
    calls = new Calls(controller);
    proxy = AmiProxy.start(asterisk.amiPort);
    JsonArray roster = new JsonArray()
        .add(user("agent1", "Agent One", "Local/agent1@agents/n"))
        .add(user("agent2", "Agent Two", "Local/agent2@agents/n"));
    server = TestServer.start(asterisk.serverSettings().put("KLIP_AMI_PORT", proxy.port()).put("KLIP_ROSTER", roster)
        .put("KLIP_DEMO", "true"), database);
    calls.onlyAgent(1);
  }

  private static JsonObject user(String username, String name, String phone) {
    return new JsonObject().put("username", username).put("displayName", name).put("role", "agent")
        .put("interface", phone).put("team", "tim-a").put("password", "klip-" + username);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    RealAsterisk.logoff(controller);
    if (proxy != null) {
      proxy.close();
    }
    if (asterisk != null) {
      asterisk.close();
    }
  }

  @Test
  @DisplayName("Cut while ringing: the agent answers and the call ends inside the cut; after the reconnect the "
      + "ticket is answered by that agent, ended, and its recording linked")
  void cutWhileRinging() throws Exception {
    calls.setGlobal("AGENT1_RING", "4");
    try (BusRecorder ringing = new BusRecorder(server.vertx, Addresses.CALL_RINGING);
         BusRecorder linked = new BusRecorder(server.vertx, Addresses.RECORDING_LINKED)) {
      String callId = calls.call("081300000001", "Cut Ringing", 8);
      ringing.awaitMatching(r -> callId.equals(r.getString("callId")), 20_000);
      cutUntilGone(callId);
      assertAnsweredAndRecorded(callId, linked);
    } finally {
      calls.setGlobal("AGENT1_RING", "1");
    }
  }

  @Test
  @DisplayName("Cut while talking: the caller hangs up inside the cut; after the reconnect the ticket ends "
      + "answered and its recording is linked, not reported missing")
  void cutWhileTalking() throws Exception {
    try (BusRecorder answered = new BusRecorder(server.vertx, Addresses.CALL_ANSWERED);
         BusRecorder linked = new BusRecorder(server.vertx, Addresses.RECORDING_LINKED)) {
      String callId = calls.call("081300000002", "Cut Talking", 6);
      answered.awaitMatching(r -> callId.equals(r.getString("callId")), 20_000);
      cutUntilGone(callId);
      assertAnsweredAndRecorded(callId, linked);
    }
  }

  @Test
  @DisplayName("Calls wholly inside a cut: an answered call gets its ticket (agent, answer, recording) and a "
      + "caller who left before any ring gets a missed-call row")
  void callsWhollyInsideACut() throws Exception {
    try (BusRecorder linked = new BusRecorder(server.vertx, Addresses.RECORDING_LINKED);
         BusRecorder status = new BusRecorder(server.vertx, Addresses.AMI_STATUS)) {
      proxy.cut();
      status.awaitMatching(s -> !s.getBoolean("up"), 20_000);
      String answeredCall = calls.call("081300000003", "Inside Cut", 5);
      Eventually.until("the answered call over on the PBX", 30_000, () -> calls.live(asterisk, answeredCall),
          live -> !live);
      calls.pauseAll("rapat");
      String missedCall = calls.call("081300000004", "Inside Cut Missed", 2);
      Eventually.until("the missed call over on the PBX", 30_000, () -> calls.live(asterisk, missedCall),
          live -> !live);
      calls.onlyAgent(1);
      proxy.restore();
      status.awaitMatching(s -> s.getBoolean("up"), 60_000);
      assertAnsweredAndRecorded(answeredCall, linked);
      List<JsonObject> missed = Eventually.until("the missed-call row", 20_000, () -> Sql.rows(server.server.pool(),
          "SELECT caller_number FROM missed_calls WHERE call_id = $1", missedCall), rows -> rows.size() == 1);
      assertThat(missed.get(0).getString("caller_number")).isEqualTo("081300000004");
      assertThat(Sql.rows(server.server.pool(), "SELECT 1 FROM tickets WHERE call_id = $1", missedCall)).isEmpty();
    }
  }

  /** Cuts the AMI link, lets the call finish on the PBX, restores the link and waits for the new login. */
  private static void cutUntilGone(String callId) throws Exception {
    try (BusRecorder status = new BusRecorder(server.vertx, Addresses.AMI_STATUS)) {
      proxy.cut();
      status.awaitMatching(s -> !s.getBoolean("up"), 20_000);
      Eventually.until("call " + callId + " over on the PBX", 30_000, () -> calls.live(asterisk, callId),
          live -> !live);
      proxy.restore();
      status.awaitMatching(s -> s.getBoolean("up"), 60_000);
    }
  }

  private static void assertAnsweredAndRecorded(String callId, BusRecorder linked) throws Exception {
    JsonObject ticket = Eventually.until("the ticket of " + callId + " ended", 20_000, () -> {
      List<JsonObject> rows = Sql.rows(server.server.pool(), "SELECT agent_username, call_status, queue, caller_number, "
          + "answered_at::text AS answered_at FROM tickets WHERE call_id = $1", callId);
      return rows.size() == 1 ? rows.get(0) : null;
    }, t -> "ended".equals(t.getString("call_status")));
    assertThat(ticket.getString("agent_username")).isEqualTo("agent1");
    assertThat(ticket.getString("answered_at")).as("answered").isNotNull();
    assertThat(ticket.getString("queue")).isEqualTo("eapp");
    assertThat(ticket.getString("caller_number")).startsWith("0813000000");
    linked.awaitMatching(l -> callId.equals(l.getString("callId")), 40_000);
    assertThat(Sql.rows(server.server.pool(), "SELECT status FROM recordings WHERE call_id = $1 AND kind = "
        + "'call_audio'", callId)).extracting(r -> r.getString("status")).containsExactly("present");
    assertThat(Sql.rows(server.server.pool(), "SELECT 1 FROM tickets WHERE call_id = $1", callId)).hasSize(1);
  }
}
