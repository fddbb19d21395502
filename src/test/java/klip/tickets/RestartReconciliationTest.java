package klip.tickets;

import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.db.Database;
import klip.observability.Metrics;
import klip.pbx.CallScenario;
import klip.pbx.RingHandle;
import klip.pbx.WavRecorder;
import klip.support.BusRecorder;
import klip.support.Eventually;
import klip.support.Sql;
import klip.support.TestPostgres;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server goes away while a call is live; a new server starts on the same database and recordings store, talking
 * to a PBX that no longer has the call. At its start it must reconcile: the ticket ends (at the best-known time,
 * marked reconciled), its recording is linked, its unacknowledged pop is no longer re-sent. And a recording that
 * was due when the server went away is linked by the next start.
 */
class RestartReconciliationTest {

  private Database database;
  private JsonObject settings;
  private Path recordings;
  private TestServer first;
  private TestServer second;

  @BeforeEach
  void start() throws Exception {
    database = TestPostgres.freshDatabase();
    recordings = Files.createTempDirectory("klip-recordings");
    settings = new JsonObject().put("KLIP_RECORDINGS_DIR", recordings.toString());
    first = TestServer.start(settings, database);
  }

  @AfterEach
  void stop() {
    first.close();
    if (second != null) {
      second.close();
    }
  }

  @Test
  @DisplayName("A call live when the server went away is ended as reconciled at the next start, its recording "
      + "linked and its pop no longer re-sent")
  void liveCallEndedAtStart() throws Exception {
    String callId;
    try (BusRecorder updates = new BusRecorder(first.vertx, Addresses.TICKET_UPDATED);
         BusRecorder pops = new BusRecorder(first.vertx, Addresses.POP_SENT)) {
      RingHandle ring = first.pbx().ring("081234567001", "Budi Santoso", "eapp", "Local/agent1@agents/n",
          "Agent One").await(5, TimeUnit.SECONDS);
      callId = ring.linkedid();
      pops.awaitMatching(p -> callId.equals(p.getString("callId")), 10_000);
      ring.answer().await(5, TimeUnit.SECONDS);
      updates.awaitMatching(u -> "connected".equals(u.getString("callStatus")), 10_000);
    }
    first.close();
    JsonObject ticket = ticketOf(callId);
    assertThat(ticket.getString("call_status")).isEqualTo("connected");
    // Asterisk finished the call and its MixMonitor file while no server listened.
    String file = ticket.getString("recording_file");
    assertThat(file).as("the recorded leg's file, from the ringing fact").isNotNull();
    Files.createDirectories(Path.of(file).getParent());
    Files.write(Path.of(file), WavRecorder.wav(Duration.ofSeconds(3)));

    second = TestServer.start(settings, database);

    JsonObject ended = Eventually.until("the ticket reconciled", 20_000, () -> ticketOf(callId),
        t -> t.getString("recording_settled_at") != null);
    assertThat(ended.getString("call_status")).isEqualTo("ended");
    assertThat(ended.getString("ended_at")).isNotNull();
    List<JsonObject> events = Sql.rows(second.server.pool(),
        "SELECT kind, detail FROM ticket_events WHERE ticket_id = $1 ORDER BY id", ticket.getLong("id"));
    assertThat(events).extracting(e -> e.getString("kind")).contains("call_ended", "call_reconciled");
    JsonObject reconciled = events.stream().filter(e -> e.getString("kind").equals("call_reconciled")).findFirst()
        .orElseThrow().getJsonObject("detail");
    assertThat(reconciled.getString("reason")).isEqualTo("start");
    assertThat(reconciled.getString("endedAtSource")).isEqualTo("last_known");
    List<JsonObject> rows = Sql.rows(second.server.pool(),
        "SELECT status, duration_ms FROM recordings WHERE call_id = $1 AND kind = 'call_audio'", callId);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getString("status")).isEqualTo("present");
    assertThat(rows.get(0).getLong("duration_ms")).isEqualTo(3000L);
    JsonObject boardRow = Eventually.until("the board's row of the call ended", 20_000,
        () -> Sql.rows(second.server.pool(), "SELECT answered_at::text, ended_at::text, ended_at >= answered_at AS after "
            + "FROM board_calls WHERE call_id = $1", callId).get(0), r -> r.getString("ended_at") != null);
    assertThat(boardRow.getBoolean("after")).as("ended at the latest thing known, not before the answer").isTrue();
    int resent = new PopService(second.server.pool(), second.vertx.eventBus(), new Metrics()).resendPending("agent1")
        .await(10, TimeUnit.SECONDS);
    assertThat(resent).as("pops of the ended call are not re-sent").isZero();
  }

  @Test
  @DisplayName("A recording due when the server went away (the call's end committed, the file not linked yet) is "
      + "linked at the next start")
  void dueRecordingResumedAtStart() throws Exception {
    String callId;
    try (BusRecorder linked = new BusRecorder(first.vertx, Addresses.RECORDING_LINKED)) {
      callId = first.pbx().play(CallScenario.answered("081234567002", "Siti Aminah", "Local/agent1@agents/n",
          "Agent One")).await(10, TimeUnit.SECONDS);
      linked.awaitMatching(l -> callId.equals(l.getString("callId")), 10_000);
    }
    first.close();
    // The state a crash between the end's commit and the link leaves: the intent due, no recording row yet.
    jdbc("DELETE FROM recordings WHERE call_id = ?", callId);
    jdbc("UPDATE tickets SET recording_settled_at = NULL WHERE call_id = ?", callId);
    assertThat(ticketOf(callId).getString("recording_settled_at")).isNull();

    second = TestServer.start(settings, database);

    Eventually.until("the due recording settled", 20_000, () -> ticketOf(callId),
        t -> t.getString("recording_settled_at") != null);
    List<JsonObject> rows = Sql.rows(second.server.pool(),
        "SELECT status FROM recordings WHERE call_id = $1 AND kind = 'call_audio'", callId);
    assertThat(rows).extracting(r -> r.getString("status")).containsExactly("present");
  }

  @Test
  @DisplayName("Calls wholly inside the server's downtime (PBX up) are read back from Asterisk's CEL at the next "
      + "start: the answered one gets its ended ticket, the abandoned one its missed-call row")
  void downtimeCallsReplayedFromCel() throws Exception {
    Eventually.until("the server's listening mark", 20_000,
        () -> Sql.rows(first.server.pool(), "SELECT heard_until FROM ami_listening"), rows -> !rows.isEmpty());
    first.close();
    // As cel_pgsql writes them while no server listens: one call answered by agent1, one abandoned in the queue.
    String answered = "1796700000.10";
    String abandoned = "1796700000.20";
    cel("CHAN_START", 2, "Local/1500200@from-pstn-00000010;1", "", "", answered, answered);
    cel("APP_START", 3, "Local/1500200@from-pstn-00000010;2", "Queue", "eapp,,,,120", "1796700000.11", answered);
    cel("CHAN_START", 4, "Local/agent1@agents-00000011;1", "", "", "1796700000.12", answered);
    cel("BRIDGE_ENTER", 6, "Local/agent1@agents-00000011;1", "AppQueue", "", "1796700000.12", answered);
    cel("HANGUP", 9, "Local/1500200@from-pstn-00000010;1", "", "", answered, answered);
    cel("LINKEDID_END", 9, "Local/1500200@from-pstn-00000010;1", "", "", answered, answered);
    cel("CHAN_START", 3, "Local/1500200@from-pstn-00000020;1", "", "", abandoned, abandoned);
    cel("APP_START", 4, "Local/1500200@from-pstn-00000020;2", "Queue", "eapp,,,,120", "1796700000.21", abandoned);
    cel("LINKEDID_END", 8, "Local/1500200@from-pstn-00000020;1", "", "", abandoned, abandoned);

    second = TestServer.start(settings, database);

    JsonObject ticket = Eventually.until("the downtime call's ticket ended", 20_000, () -> {
      List<JsonObject> rows = Sql.rows(second.server.pool(),
          "SELECT call_status, agent_username, ended_at::text FROM tickets WHERE call_id = $1", answered);
      return rows.isEmpty() ? null : rows.get(0);
    }, t -> t.getString("ended_at") != null);
    assertThat(ticket.getString("call_status")).isEqualTo("ended");
    assertThat(ticket.getString("agent_username")).isEqualTo("agent1");
    List<JsonObject> missed = Eventually.until("the abandoned call's missed-call row", 20_000,
        () -> Sql.rows(second.server.pool(), "SELECT queue FROM missed_calls WHERE call_id = $1", abandoned),
        rows -> !rows.isEmpty());
    assertThat(missed.get(0).getString("queue")).isEqualTo("eapp");
  }

  /** One CEL row, {@code msAfter} ms after 10 ms before now: after the first server stopped listening. */
  private void cel(String type, int msAfter, String channel, String app, String appData, String uniqueId,
                   String linkedId) throws SQLException {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
         PreparedStatement st = c.prepareStatement("INSERT INTO cel (eventtype, eventtime, cid_num, cid_name, channame, "
             + "appname, appdata, uniqueid, linkedid) VALUES (?, (now() AT TIME ZONE 'UTC') - interval '10 milliseconds' "
             + "+ ? * interval '1 millisecond', '081300000009', 'Saat Mati', ?, ?, ?, ?, ?)")) {
      st.setString(1, type);
      st.setInt(2, msAfter);
      st.setString(3, channel);
      st.setString(4, app);
      st.setString(5, appData);
      st.setString(6, uniqueId);
      st.setString(7, linkedId);
      st.executeUpdate();
    }
  }

  /** Read with JDBC: between the two servers there is no server pool to read through. */
  private JsonObject ticketOf(String callId) {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
         PreparedStatement st = c.prepareStatement("SELECT id, call_status, ended_at::text, recording_file, "
             + "recording_settled_at::text FROM tickets WHERE call_id = ?")) {
      st.setString(1, callId);
      ResultSet rs = st.executeQuery();
      assertThat(rs.next()).as("ticket of call %s", callId).isTrue();
      return new JsonObject().put("id", rs.getLong(1)).put("call_status", rs.getString(2))
          .put("ended_at", rs.getString(3)).put("recording_file", rs.getString(4))
          .put("recording_settled_at", rs.getString(5));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void jdbc(String sql, String param) throws SQLException {
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
         PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, param);
      st.executeUpdate();
    }
  }
}
