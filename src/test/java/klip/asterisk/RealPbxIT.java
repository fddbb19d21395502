package klip.asterisk;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import klip.Addresses;
import klip.support.BridgeClient;
import klip.support.BusRecorder;
import klip.support.Eventually;
import klip.support.HttpSession;
import klip.support.Sql;
import klip.support.TestServer;
import klip.support.TestTickets;
import org.asteriskjava.manager.ManagerConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The server against a real Asterisk running the project's own {@code asterisk-config/} (phones as Local
 * channels): calls through 1500200 make tickets and pops before the answer, recordings are linked, team leaders
 * join in each mode with ChanSpy, a join to a phone that does not exist fails visibly, callbacks ring the
 * agent's phone, and pauses reach the board. Runs with {@code -Dklip.asterisk=/path/to/sbin/asterisk}.
 */
class RealPbxIT {

  private static RealAsterisk asterisk;
  private static ManagerConnection controller;
  private static Calls calls;
  private static TestServer server;
  private static HttpSession agent1;
  private static HttpSession tl1;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(RealAsterisk.binary() != null, "no Asterisk: -D" + RealAsterisk.PROPERTY + " not set");
    asterisk = RealAsterisk.start();
    controller = asterisk.controller();
    calls = new Calls(controller);
    JsonArray roster = new JsonArray()
        .add(user("agent1", "Agent One", "agent", "Local/agent1@agents/n", "tim-a"))
        .add(user("agent2", "Agent Two", "agent", "Local/agent2@agents/n", "tim-a"))
        .add(user("tl1", "Team Leader Satu", "team_leader", "Local/tl1@phones", "tim-a"))
        // The demo roster's team leader on a PBX without PJSIP: a phone Asterisk cannot create.
        .add(user("tl2", "Team Leader Dua", "team_leader", "PJSIP/2001", "tim-a"))
        .add(user("agent3", "Agent Three", "agent", "PJSIP/1003", "tim-a"))
        .add(user("eskalasi1", "Meja Eskalasi", "escalation_agent", null, "eskalasi"))
        .add(user("admin", "Administrator", "admin", null, "admin"));
    server = TestServer.start(asterisk.serverSettings().put("KLIP_ROSTER", roster).put("KLIP_DEMO", "true"));
    agent1 = server.login("agent1");
    tl1 = server.login("tl1");
  }

  private static JsonObject user(String username, String name, String role, String phone, String team) {
    return new JsonObject().put("username", username).put("displayName", name).put("role", role)
        .put("interface", phone).put("team", team).put("password", "klip-" + username);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    RealAsterisk.logoff(controller);
    if (asterisk != null) {
      asterisk.close();
    }
  }

  @Test
  @DisplayName("A call to 1500200 rings an agent: the ticket pops before the answer, the call ends answered, and "
      + "the recording the queue dialplan started is linked to the ticket with real audio")
  void answeredCall() throws Exception {
    try (BridgeClient pops = BridgeClient.connect(server.vertx, agent1).register(Addresses.agentPops("agent1"));
         BusRecorder linked = new BusRecorder(server.vertx, Addresses.RECORDING_LINKED)) {
      calls.onlyAgent(1);
      String callId = calls.call("081234567001", "Budi Santoso", 6);
      JsonObject pop = pops.nextOfType("pop", 15_000);
      assertThat(pop).as("pop to agent1").isNotNull();
      assertThat(pop.getJsonObject("ticket").getString("callerNumber")).isEqualTo("081234567001");
      long ticketId = pop.getJsonObject("ticket").getLong("id");
      JsonObject ticket = awaitTicket(ticketId, t -> "ended".equals(t.getString("call_status")));
      assertThat(ticket.getString("agent_username")).isEqualTo("agent1");
      assertThat(ticket.getString("call_id")).isEqualTo(callId);
      assertThat(ticket.getValue("answered_at")).isNotNull();
      linked.awaitMatching(r -> callId.equals(r.getString("callId")), 30_000);
      JsonObject recording = Sql.rows(server.server.pool(), "SELECT status, size_bytes, rel_path FROM recordings "
          + "WHERE ticket_id = $1 AND kind = 'call_audio'", ticketId).get(0);
      assertThat(recording.getString("status")).isEqualTo("present");
      assertThat(recording.getLong("size_bytes")).isGreaterThan(44L * 100);
      assertThat(recording.getString("rel_path")).endsWith(".wav");
    }
  }

  @Test
  @DisplayName("A second MixMonitor on the agent's leg (started over AMI) is kept as an extra recording of the "
      + "ticket; the call's recording stays the one the queue dialplan started on the caller's leg")
  void secondMixMonitorIsAnExtra() throws Exception {
    calls.onlyAgent(1);
    try (BusRecorder linked = new BusRecorder(server.vertx, Addresses.RECORDING_LINKED);
         BusRecorder answered = new BusRecorder(server.vertx, Addresses.CALL_ANSWERED)) {
      String callId = calls.call("0274123456", "Rudi Hartono", 8);
      JsonObject call = answered.awaitMatching(a -> callId.equals(a.getString("callId")), 20_000);
      String agentLeg = call.getString("agentChannel");
      String side = calls.mixMonitor(agentLeg, asterisk.monitorDir);
      // This call's two links: a call of an earlier test may still be linking its own recording meanwhile.
      List<JsonObject> both = List.of(linked.awaitMatching(l -> callId.equals(l.getString("callId")), 40_000),
          linked.awaitMatching(l -> callId.equals(l.getString("callId")), 40_000));
      assertThat(both).extracting(l -> l.getString("kind")).containsExactlyInAnyOrder("call_audio",
          "call_audio_extra");
      List<JsonObject> rows = Sql.rows(server.server.pool(), "SELECT kind, rel_path, status FROM recordings "
          + "WHERE call_id = $1 ORDER BY kind", callId);
      assertThat(rows).extracting(r -> r.getString("kind")).containsExactly("call_audio", "call_audio_extra");
      assertThat(rows.get(0).getString("rel_path")).endsWith("/" + call.getString("queuedUniqueId") + ".wav");
      assertThat(rows.get(1).getString("rel_path")).isEqualTo(
          asterisk.monitorDir.relativize(java.nio.file.Path.of(side)).toString());
      assertThat(rows).extracting(r -> r.getString("status")).containsOnly("present");
    }
  }

  @Test
  @DisplayName("A caller who hangs up before any agent rings leaves a missed-call row, no ticket, and no "
      + "header-only recording file")
  void missedCall() throws Exception {
    calls.pauseAll("rapat");
    try (BusRecorder missed = new BusRecorder(server.vertx, Addresses.MISSED_CALL_RECORDED)) {
      String callId = calls.call("081311110002", "Dewi Lestari", 3);
      JsonObject fact = missed.awaitMatching(m -> callId.equals(m.getString("callId")), 20_000);
      assertThat(Sql.rows(server.server.pool(), "SELECT 1 FROM tickets WHERE call_id = $1", callId)).isEmpty();
      assertThat(Sql.rows(server.server.pool(), "SELECT caller_number FROM missed_calls WHERE call_id = $1", callId))
          .extracting(r -> r.getString("caller_number")).containsExactly("081311110002");
      Eventually.until("no empty recording left for " + callId, 20_000, () -> {
        try (var files = java.nio.file.Files.walk(asterisk.monitorDir)) {
          return files.filter(f -> f.getFileName().toString().startsWith(fact.getString("queuedUniqueId",
              "none") + ".")).count();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }, n -> n == 0L);
    } finally {
      calls.unpauseAll();
    }
  }

  @Test
  @DisplayName("Agent pause and unpause on the PBX reach the team leader's board with the reason")
  void agentPause() throws Exception {
    try (BridgeClient board = BridgeClient.connect(server.vertx, tl1).register(Addresses.teamBoard("tim-a"))) {
      calls.pause(2, true, "istirahat");
      awaitBoard(board, b -> "paused".equals(agentState(b, "agent2")));
      calls.pause(2, false, null);
      awaitBoard(board, b -> !"paused".equals(agentState(b, "agent2")));
    }
  }

  @Test
  @DisplayName("One session per leader: listen rings the team leader's phone and ChanSpy runs on the agent's leg; "
      + "whisper and barge switch it in place by a keypad digit received on the spyer channel (PlayDTMF Receive); "
      + "Berhenti hangs it up; every transition goes on the ticket")
  void joinSwitchAndStop() throws Exception {
    calls.onlyAgent(1);
    String callId = calls.call("0215250208", "PT Sinar Jaya Abadi", 40);
    // Hung up whatever the outcome: a call left up would keep agent1 busy for the tests after this one.
    try {
      try (BridgeClient board = BridgeClient.connect(server.vertx, tl1).register(Addresses.teamBoard("tim-a"))) {
        awaitBoard(board, b -> call(b, callId).map(c -> c.getBoolean("joinable", false)).orElse(false));
        for (String mode : List.of("listen", "whisper", "barge")) {
          HttpResponse<Buffer> r = tl1.post("/api/board/calls/" + callId + "/join", new JsonObject().put("mode", mode));
          assertThat(r.statusCode()).as(mode + ": " + r.bodyAsString()).isEqualTo(200);
          awaitBoard(board, b -> call(b, callId).map(c -> c.getJsonArray("spies").size() == 1
              && mode.equals(c.getJsonArray("spies").getJsonObject(0).getString("mode"))).orElse(false));
        }
        HttpResponse<Buffer> stop = tl1.post("/api/board/calls/" + callId + "/leave", new JsonObject());
        assertThat(stop.statusCode()).as(stop.bodyAsString()).isEqualTo(200);
        awaitBoard(board, b -> call(b, callId).map(c -> c.getJsonArray("spies").isEmpty()).orElse(false));
      }
      List<JsonObject> events = Eventually.until("the session's four events", 20_000,
          () -> Sql.rows(server.server.pool(), """
              SELECT e.kind, e.detail FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
              WHERE t.call_id = $1 AND e.kind LIKE 'supervisor%' ORDER BY e.id
              """, callId), rows -> rows.size() == 4);
      assertThat(events).extracting(e -> e.getString("kind")).containsExactly("supervisor_joined",
          "supervisor_mode_changed", "supervisor_mode_changed", "supervisor_left");
    } finally {
      calls.hangupCall(callId);
    }
  }

  @Test
  @DisplayName("Hold takes a connected queue call out of its bridge (caller to music on hold, agent's leg waiting) "
      + "without ending it; unhold bridges caller and agent again; the ticket stays connected until the caller "
      + "hangs up")
  void holdAndUnhold() throws Exception {
    calls.onlyAgent(1);
    try (BusRecorder answered = new BusRecorder(server.vertx, Addresses.CALL_ANSWERED)) {
      String callId = calls.call("081277788899", "Siti Rahma", 60);
      JsonObject call = answered.awaitMatching(a -> callId.equals(a.getString("callId")), 20_000);
      String caller = call.getString("queuedChannel");
      String agentLeg = call.getString("agentChannel");
      long ticketId = Eventually.until("the ticket of " + callId, 20_000, () -> Sql.rows(server.server.pool(),
          "SELECT id FROM tickets WHERE call_id = $1 AND call_status = 'connected'", callId), r -> !r.isEmpty())
          .get(0).getLong("id");
      Eventually.until("caller and agent bridged", 20_000, () -> bridgeOf(caller), b -> b != null
          && b.equals(bridgeOf(agentLeg)));

      java.util.concurrent.CompletableFuture<String> music = new java.util.concurrent.CompletableFuture<>();
      org.asteriskjava.manager.ManagerEventListener onMusic = ev -> {
        if (ev instanceof org.asteriskjava.manager.event.MusicOnHoldStartEvent m && caller.equals(m.getChannel())) {
          music.complete(m.getChannel());
        }
      };
      controller.addEventListener(onMusic);
      try {
        HttpResponse<Buffer> hold = agent1.post("/api/tickets/" + ticketId + "/hold", new JsonObject());
        assertThat(hold.statusCode()).as(hold.bodyAsString()).isEqualTo(200);
        music.get(20, java.util.concurrent.TimeUnit.SECONDS);
      } finally {
        controller.removeEventListener(onMusic);
      }
      Eventually.until("the caller waiting on hold", 20_000, () -> channelRow(caller),
          row -> row != null && row[1].equals("klip-hold") && row[12].isEmpty());
      assertThat(channelRow(agentLeg)).as("the agent's leg waits").isNotNull();
      assertThat(liveCallIds()).as("the call is live while held").contains(callId);

      HttpResponse<Buffer> unhold = agent1.post("/api/tickets/" + ticketId + "/unhold", new JsonObject());
      assertThat(unhold.statusCode()).as(unhold.bodyAsString()).isEqualTo(200);
      Eventually.until("caller and agent bridged again", 20_000, () -> bridgeOf(caller), b -> b != null
          && b.equals(bridgeOf(agentLeg)));
      assertThat(liveCallIds()).as("the call is live after unhold").contains(callId);
      assertThat(Sql.rows(server.server.pool(), "SELECT call_status FROM tickets WHERE id = $1", ticketId))
          .extracting(r -> r.getString("call_status")).containsExactly("connected");

      calls.hangupCall(callId);
      awaitTicket(ticketId, t -> "ended".equals(t.getString("call_status")));
      assertThat(Sql.rows(server.server.pool(), "SELECT kind FROM ticket_events WHERE ticket_id = $1 AND kind "
          + "LIKE 'call_%' ORDER BY id", ticketId)).extracting(r -> r.getString("kind"))
          .containsSubsequence("call_hold", "call_unhold", "call_ended");
    }
  }

  @Test
  @DisplayName("Transfer on the real PBX (AMI BlindTransfer into klip-transfer): agent1 sends the caller back to the "
      + "queue, agent2 rings and gets the same ticket; agent2 sends it to the team leader, whose phone the dialplan "
      + "dials and who is then bridged with the caller; the ticket follows, the timeline has both transfers")
  void transferToQueueThenLeader() throws Exception {
    calls.onlyAgent(1);
    HttpSession agent2 = server.login("agent2");
    try (BusRecorder answered = new BusRecorder(server.vertx, Addresses.CALL_ANSWERED);
         BridgeClient desk2 = BridgeClient.connect(server.vertx, agent2).register(Addresses.agentPops("agent2"))) {
      String callId = calls.call("081299988877", "Wahyu Hidayat", 90);
      JsonObject first = answered.awaitMatching(a -> callId.equals(a.getString("callId")), 20_000);
      String caller = first.getString("queuedChannel");
      long ticketId = Eventually.until("the ticket of " + callId, 20_000, () -> Sql.rows(server.server.pool(),
          "SELECT id FROM tickets WHERE call_id = $1 AND call_status = 'connected'", callId), r -> !r.isEmpty())
          .get(0).getLong("id");
      calls.onlyAgent(2);

      HttpResponse<Buffer> toQueue = agent1.post("/api/tickets/" + ticketId + "/transfer",
          new JsonObject().put("to", "queue"));
      assertThat(toQueue.statusCode()).as(toQueue.bodyAsString()).isEqualTo(200);
      JsonObject pop = desk2.nextOfType("pop", 20_000);
      assertThat(pop).as("pop at agent2").isNotNull();
      assertThat(pop.getJsonObject("ticket").getLong("id")).isEqualTo(ticketId);
      answered.awaitMatching(a -> callId.equals(a.getString("callId"))
          && "Local/agent2@agents/n".equals(a.getString("interface")), 20_000);
      assertThat(channelRow(first.getString("agentChannel"))).as("agent1's leg is gone").isNull();
      awaitTicket(ticketId, t -> "agent2".equals(t.getString("agent_username"))
          && "connected".equals(t.getString("call_status")));

      HttpResponse<Buffer> toLeader = agent2.post("/api/tickets/" + ticketId + "/transfer",
          new JsonObject().put("to", "leader"));
      assertThat(toLeader.statusCode()).as(toLeader.bodyAsString()).isEqualTo(200);
      answered.awaitMatching(a -> callId.equals(a.getString("callId"))
          && "Local/tl1@phones".equals(a.getString("interface")), 20_000);
      Eventually.until("the caller bridged with the team leader's phone", 20_000, () -> bridgeOf(caller),
          b -> b != null && asterisk.cli("core show channels concise").lines()
              .anyMatch(l -> l.startsWith("Local/tl1@phones-") && l.split("!", -1).length > 12
                  && b.equals(l.split("!", -1)[12])));
      awaitTicket(ticketId, t -> "tl1".equals(t.getString("agent_username"))
          && "connected".equals(t.getString("call_status")));
      assertThat(Sql.rows(server.server.pool(), "SELECT count(*) AS n FROM tickets WHERE call_id = $1", callId)
          .get(0).getLong("n")).isEqualTo(1L);
      assertThat(Sql.rows(server.server.pool(), "SELECT actor, detail FROM ticket_events WHERE ticket_id = $1 "
          + "AND kind = 'call_transferred' ORDER BY at, id", ticketId))
          .extracting(e -> e.getString("actor") + "→" + e.getJsonObject("detail").getString("to"))
          .containsExactly("agent1→queue", "agent2→tl1");

      calls.hangupCall(callId);
      awaitTicket(ticketId, t -> "ended".equals(t.getString("call_status")));
    } finally {
      calls.onlyAgent(1);
    }
  }

  /** The channel's row of "core show channels concise" (application at 5, bridge id at 12), or null. */
  private static String[] channelRow(String channel) {
    for (String line : asterisk.cli("core show channels concise").split("\n")) {
      String[] row = line.split("!", -1);
      if (row.length > 12 && row[0].equals(channel)) {
        return row;
      }
    }
    return null;
  }

  private static String bridgeOf(String channel) {
    String[] row = channelRow(channel);
    return row == null || row[12].isEmpty() ? null : row[12];
  }

  private static List<String> liveCallIds() {
    return server.vertx.eventBus().<JsonArray>request(Addresses.CALLS_SNAPSHOT, null).toCompletionStage()
        .toCompletableFuture().join().body().stream().map(JsonObject.class::cast)
        .filter(c -> !c.getBoolean("ended", false)).map(c -> c.getString("callId")).toList();
  }

  @Test
  @DisplayName("A join to a team leader whose phone does not exist on the PBX fails: 502 with the reason in "
      + "Indonesian, a failed join on the ticket and on the board")
  void joinToMissingPhone() throws Exception {
    HttpSession tl2 = server.login("tl2");
    calls.onlyAgent(1);
    String callId = calls.call("081233344455", "Nur Aini", 30);
    try (BridgeClient board = BridgeClient.connect(server.vertx, tl1).register(Addresses.teamBoard("tim-a"))) {
      awaitBoard(board, b -> call(b, callId).map(c -> c.getBoolean("joinable", false)).orElse(false));
      HttpResponse<Buffer> r = tl2.post("/api/board/calls/" + callId + "/join", new JsonObject().put("mode", "listen"));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(502);
      assertThat(r.bodyAsJsonObject().getString("code")).isEqualTo("originate.unavailable");
      assertThat(r.bodyAsJsonObject().getString("error")).contains("tidak dapat dihubungi");
      JsonObject notice = board.nextOfType("joinFailed", 10_000);
      assertThat(notice).isNotNull();
      assertThat(notice.getString("teamLeader")).isEqualTo("tl2");
    }
    assertThat(Sql.rows(server.server.pool(), """
        SELECT e.detail FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
        WHERE t.call_id = $1 AND e.kind = 'supervisor_join_failed'
        """, callId)).extracting(e -> e.getJsonObject("detail").getString("reason")).containsExactly("unavailable");
    calls.hangupCall(callId);
  }

  @Test
  @DisplayName("A callback rings the agent's phone, which answers, then the taxpayer's number; one to an agent "
      + "whose phone does not exist fails with the reason, recorded on the ticket's callbacks")
  void callbacks() throws Exception {
    HttpSession desk = server.login("eskalasi1");
    long ticketId = TestTickets.connected(server.server.pool(), "agent1");
    directorateAnswered(agent1, desk, ticketId);
    HttpResponse<Buffer> ok = agent1.post("/api/tickets/" + ticketId + "/callback", null);
    assertThat(ok.statusCode()).as(ok.bodyAsString()).isEqualTo(200);
    assertThat(ok.bodyAsJsonObject().getString("outcome")).isEqualTo("originated");

    HttpSession agent3 = server.login("agent3");
    long orphan = TestTickets.connected(server.server.pool(), "agent3");
    directorateAnswered(agent3, desk, orphan);
    HttpResponse<Buffer> failed = agent3.post("/api/tickets/" + orphan + "/callback", null);
    assertThat(failed.statusCode()).as(failed.bodyAsString()).isEqualTo(502);
    assertThat(failed.bodyAsJsonObject().getString("code")).isEqualTo("originate.unavailable");
    JsonObject callback = agent3.get("/api/tickets/" + orphan + "/sla").bodyAsJsonObject().getJsonArray("callbacks")
        .getJsonObject(0);
    assertThat(callback.getString("outcome")).isEqualTo("failed");
    assertThat(callback.getString("reason")).isEqualTo("unavailable");
    assertThat(Sql.rows(server.server.pool(), "SELECT detail FROM ticket_events WHERE ticket_id = $1 AND kind = "
        + "'callback_failed'", orphan)).extracting(e -> e.getJsonObject("detail").getString("reason"))
        .containsExactly("unavailable");
  }

  private static void directorateAnswered(HttpSession agent, HttpSession desk, long ticketId) {
    agent.post("/api/tickets/" + ticketId + "/transitions", new JsonObject().put("to", "escalated").put("version", 1));
    String id = Eventually.until("the escalation of ticket " + ticketId, 10_000,
        () -> desk.get("/api/escalations?status=new").bodyAsJsonArray().stream().map(o -> (JsonObject) o)
            .filter(e -> e.getLong("ticketId") == ticketId).findFirst().orElse(null), e -> true)
        .getString("escalationId");
    assertThat(desk.post("/api/escalations/" + id + "/answer", new JsonObject().put("answer", "Sudah beres"))
        .statusCode()).isEqualTo(200);
  }

  private static JsonObject awaitTicket(long ticketId, java.util.function.Predicate<JsonObject> done) {
    return Eventually.until("ticket " + ticketId, 30_000, () -> {
      List<JsonObject> rows = Sql.rows(server.server.pool(), "SELECT call_id, agent_username, call_status, "
          + "answered_at::text AS answered_at FROM tickets WHERE id = $1", ticketId);
      return rows.isEmpty() ? null : rows.get(0);
    }, done);
  }

  private static JsonObject awaitBoard(BridgeClient board, java.util.function.Predicate<JsonObject> done)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    JsonObject last = tl1.get("/api/board").bodyAsJsonObject();
    while (!done.test(last)) {
      long left = deadline - System.currentTimeMillis();
      JsonObject push = left <= 0 ? null : board.nextOfType("board", left);
      if (push == null) {
        throw new AssertionError("No board as expected within 20 s; last: " + last.encodePrettily());
      }
      last = push.getJsonObject("board");
    }
    return last;
  }

  private static java.util.Optional<JsonObject> call(JsonObject board, String callId) {
    return board.getJsonArray("calls").stream().map(JsonObject.class::cast)
        .filter(c -> callId.equals(c.getString("callId"))).findFirst();
  }

  private static String agentState(JsonObject board, String username) {
    return board.getJsonArray("agents").stream().map(JsonObject.class::cast)
        .filter(a -> username.equals(a.getString("username"))).map(a -> a.getString("state")).findFirst()
        .orElse(null);
  }
}
