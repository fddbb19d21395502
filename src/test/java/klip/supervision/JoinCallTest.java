package klip.supervision;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import klip.Addresses;
import klip.pbx.RingHandle;
import klip.support.BridgeClient;
import klip.support.BusRecorder;
import klip.support.HttpSession;
import klip.support.Sql;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Team leaders joining live calls through the real server and the simulated PBX: the exact Originate per mode,
 * who may join which call, the refusals, what goes on the ticket, and agents raising a hand.
 */
class JoinCallTest {

  private static TestServer server;
  private static HttpSession tl1;
  private static HttpSession tl2;
  private static HttpSession agent1;
  private static BoardWatcher boardA;

  @BeforeAll
  static void start() {
    JsonArray roster = new JsonArray()
        .add(user("agent1", "Agent One", "agent", "Local/agent1@agents/n", "tim-a"))
        .add(user("agent2", "Agent Two", "agent", "Local/agent2@agents/n", "tim-a"))
        .add(user("tl1", "Team Leader Satu", "team_leader", "PJSIP/2001", "tim-a"))
        // chan_sip is gone from Asterisk 21+: the PBX cannot create this phone's channel.
        .add(user("tl3", "Team Leader Tiga", "team_leader", "SIP/2003", "tim-a"))
        .add(user("agent3", "Agent Three", "agent", "Local/agent3@agents/n", "tim-b"))
        .add(user("tl2", "Team Leader Dua", "team_leader", "PJSIP/2002", "tim-b"))
        .add(user("admin", "Administrator", "admin", null, "admin"));
    server = TestServer.start(new JsonObject().put("KLIP_ROSTER", roster));
    tl1 = server.login("tl1");
    tl2 = server.login("tl2");
    agent1 = server.login("agent1");
    boardA = new BoardWatcher(server, tl1, "tim-a");
  }

  private static JsonObject user(String username, String name, String role, String phone, String team) {
    return new JsonObject().put("username", username).put("displayName", name).put("role", role)
        .put("interface", phone).put("team", team).put("password", "klip-" + username);
  }

  @AfterAll
  static void stop() {
    boardA.close();
    server.close();
  }

  private static RingHandle talkingCall(String number, String iface, String name) throws Exception {
    RingHandle call = server.pbx().ring(number, "Penelepon Uji", "eapp", iface, name).await(10, TimeUnit.SECONDS);
    call.answer().await(10, TimeUnit.SECONDS);
    return call;
  }

  @Test
  @DisplayName("Each mode's first join rings the team leader's own phone with ChanSpy on the agent's live leg and "
      + "the mode's options")
  void firstJoinPerMode() throws Exception {
    for (String[] mode : new String[][] {{"listen", "qEd"}, {"whisper", "qEdw"}, {"barge", "qEdB"}}) {
      RingHandle call = talkingCall("081200000001", "Local/agent1@agents/n", "Agent One");
      boardA.until("the call talking and joinable", b -> BoardWatcher.call(b, call.linkedid())
          .map(c -> c.getBoolean("joinable")).orElse(false), 10_000);
      var originate = server.pbx().nextAction("Originate");
      HttpResponse<Buffer> r = tl1.post("/api/board/calls/" + call.linkedid() + "/join",
          new JsonObject().put("mode", mode[0]));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      Map<String, String> action = originate.await(10, TimeUnit.SECONDS);
      assertThat(action.get("Channel")).isEqualTo("PJSIP/2001");
      assertThat(action.get("Application")).isEqualTo("ChanSpy");
      assertThat(action.get("Data")).isEqualTo(call.agentChannel() + "," + mode[1]);
      assertThat(action.get("Async")).isEqualToIgnoringCase("true");
      assertThat(action.get("CallerID")).isEqualTo("\"KLIP " + mode[0] + " Agent One\" <1500200>");
      assertThat(action).doesNotContainKeys("Context", "Exten");
      JsonObject spied = boardA.until("the spy on the call", b -> BoardWatcher.call(b, call.linkedid())
          .map(c -> c.getJsonArray("spies").size() == 1).orElse(false), 10_000);
      String spyer = BoardWatcher.call(spied, call.linkedid()).orElseThrow().getJsonArray("spies").getJsonObject(0)
          .getString("spyerChannel");
      assertThat(server.pbx().spyMode(spyer).await(10, TimeUnit.SECONDS))
          .contains(mode[0]);
      try (BusRecorder ended = new BusRecorder(server.vertx, Addresses.SUPERVISION_JOIN_ENDED)) {
        call.hangup().await(10, TimeUnit.SECONDS);
        assertThat(ended.await(1, 10_000).get(0).getString("mode")).isEqualTo(mode[0]);
      }
    }
  }

  @Test
  @DisplayName("One session per leader per call: listen, then whisper and barge switch the same ChanSpy by keypad "
      + "digit (PlayDTMF received on the spyer channel), the same mode again changes nothing, Berhenti hangs the spy "
      + "channel up; the board lists the leader once throughout and the ticket has every transition")
  void switchModesThenStop() throws Exception {
    RingHandle call = talkingCall("081200000010", "Local/agent1@agents/n", "Agent One");
    boardA.until("the call talking and joinable", b -> BoardWatcher.call(b, call.linkedid())
        .map(c -> c.getBoolean("joinable")).orElse(false), 10_000);
    String join = "/api/board/calls/" + call.linkedid() + "/join";
    assertThat(tl1.post(join, new JsonObject().put("mode", "listen")).statusCode()).isEqualTo(200);
    JsonObject listening = boardA.until("tl1 listening", b -> spyModes(b, call.linkedid()).equals(List.of("listen")),
        10_000);
    String spyer = BoardWatcher.call(listening, call.linkedid()).orElseThrow().getJsonArray("spies").getJsonObject(0)
        .getString("spyerChannel");
    int originatesBefore = originates();

    for (String[] mode : new String[][] {{"whisper", "5"}, {"barge", "6"}}) {
      var dtmf = server.pbx().nextAction("PlayDTMF");
      HttpResponse<Buffer> r = tl1.post(join, new JsonObject().put("mode", mode[0]));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject().getBoolean("switched")).isTrue();
      Map<String, String> action = dtmf.await(10, TimeUnit.SECONDS);
      assertThat(action).containsEntry("Channel", spyer).containsEntry("Digit", mode[1]);
      assertThat(action.get("Receive")).isEqualToIgnoringCase("true");
      assertThat(server.pbx().spyMode(spyer).await(10, TimeUnit.SECONDS))
          .contains(mode[0]);
      boardA.until("one session in " + mode[0], b -> spyModes(b, call.linkedid()).equals(List.of(mode[0])), 10_000);
    }
    HttpResponse<Buffer> same = tl1.post(join, new JsonObject().put("mode", "barge"));
    assertThat(same.statusCode()).isEqualTo(200);
    assertThat(same.bodyAsJsonObject().getBoolean("switched")).isFalse();
    assertThat(originates()).isEqualTo(originatesBefore);

    try (BusRecorder ended = new BusRecorder(server.vertx, Addresses.SUPERVISION_JOIN_ENDED)) {
      var hangup = server.pbx().nextAction("Hangup");
      HttpResponse<Buffer> stop = tl1.post("/api/board/calls/" + call.linkedid() + "/leave", new JsonObject());
      assertThat(stop.statusCode()).as(stop.bodyAsString()).isEqualTo(200);
      assertThat(hangup.await(10, TimeUnit.SECONDS)).containsEntry("Channel", spyer);
      assertThat(ended.await(1, 10_000).get(0).getString("mode")).isEqualTo("barge");
    }
    boardA.until("no spy left, the call still on", b -> BoardWatcher.call(b, call.linkedid())
        .map(c -> c.getJsonArray("spies").isEmpty()).orElse(false), 10_000);
    assertThat(server.pbx().liveChannels().await(10, TimeUnit.SECONDS)).doesNotContain(spyer)
        .contains(call.agentChannel());
    assertThat(tl1.post("/api/board/calls/" + call.linkedid() + "/leave", new JsonObject()).statusCode())
        .isEqualTo(404);

    List<JsonObject> events = Sql.rows(server.server.pool(), """
        SELECT e.actor, e.kind, e.detail FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
        WHERE t.call_id = $1 AND e.kind LIKE 'supervisor%' ORDER BY e.id
        """, call.linkedid());
    assertThat(events).extracting(e -> e.getString("kind")).containsExactly("supervisor_joined",
        "supervisor_mode_changed", "supervisor_mode_changed", "supervisor_left");
    assertThat(events).extracting(e -> e.getString("actor")).containsOnly("tl1");
    assertThat(events.get(1).getJsonObject("detail").getMap()).containsEntry("from", "listen")
        .containsEntry("to", "whisper");
    assertThat(events.get(2).getJsonObject("detail").getMap()).containsEntry("from", "whisper")
        .containsEntry("to", "barge");
    assertThat(events.get(3).getJsonObject("detail").getBoolean("stoppedByLeader")).isTrue();
    assertThat(Sql.rows(server.server.pool(), "SELECT mode FROM supervision_joins WHERE call_id = $1 AND "
        + "ended_at IS NOT NULL", call.linkedid())).extracting(r -> r.getString("mode")).containsExactly("barge");
    call.hangup().await(10, TimeUnit.SECONDS);
  }

  private static List<String> spyModes(JsonObject board, String callId) {
    return BoardWatcher.call(board, callId).map(c -> c.getJsonArray("spies").stream()
        .map(s -> ((JsonObject) s).getString("mode")).toList()).orElse(List.of());
  }

  @Test
  @DisplayName("A join whose team-leader phone the PBX cannot ring fails with 502 and the reason in Indonesian, "
      + "goes on the ticket and on the team's board as failed, and leaves no spy on the call")
  void joinToAPhoneThatDoesNotExist() throws Exception {
    HttpSession tl3 = server.login("tl3");
    RingHandle call = talkingCall("081200000009", "Local/agent1@agents/n", "Agent One");
    boardA.until("the call talking and joinable", b -> BoardWatcher.call(b, call.linkedid())
        .map(c -> c.getBoolean("joinable")).orElse(false), 10_000);
    try (BridgeClient board = BridgeClient.connect(server.vertx, tl1).register(Addresses.teamBoard("tim-a"))) {
      HttpResponse<Buffer> r = tl3.post("/api/board/calls/" + call.linkedid() + "/join",
          new JsonObject().put("mode", "listen"));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(502);
      assertThat(r.bodyAsJsonObject().getString("code")).isEqualTo("originate.unavailable");
      assertThat(r.bodyAsJsonObject().getString("error")).contains("tidak dapat dihubungi");
      JsonObject notice = board.nextOfType("joinFailed", 10_000);
      assertThat(notice).isNotNull();
      assertThat(notice.getString("teamLeader")).isEqualTo("tl3");
      assertThat(notice.getString("code")).isEqualTo("unavailable");
    }
    List<JsonObject> events = Sql.rows(server.server.pool(), """
        SELECT e.actor, e.detail FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
        WHERE t.call_id = $1 AND e.kind = 'supervisor_join_failed'
        """, call.linkedid());
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getString("actor")).isEqualTo("tl3");
    assertThat(events.get(0).getJsonObject("detail").getString("reason")).isEqualTo("unavailable");
    assertThat(Sql.rows(server.server.pool(), "SELECT 1 FROM supervision_joins WHERE call_id = $1 AND "
        + "team_leader = 'tl3' AND started_at IS NULL AND ended_at IS NOT NULL", call.linkedid())).hasSize(1);
    assertThat(BoardWatcher.call(tl1.get("/api/board").bodyAsJsonObject(), call.linkedid()).orElseThrow()
        .getJsonArray("spies")).isEmpty();
    call.hangup().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("An agent cannot join a call, a team leader cannot join another team's call, and a call without a "
      + "live agent leg is refused with 409; nothing reaches the PBX")
  void refusals() throws Exception {
    RingHandle talking = talkingCall("081200000002", "Local/agent2@agents/n", "Agent Two");
    boardA.until("agent2 talking", b -> BoardWatcher.call(b, talking.linkedid())
        .map(c -> c.getBoolean("joinable")).orElse(false), 10_000);
    int before = originates();

    HttpResponse<Buffer> byAgent = agent1.post("/api/board/calls/" + talking.linkedid() + "/join",
        new JsonObject().put("mode", "listen"));
    assertThat(byAgent.statusCode()).isEqualTo(403);
    HttpResponse<Buffer> otherTeam = tl2.post("/api/board/calls/" + talking.linkedid() + "/join",
        new JsonObject().put("mode", "listen"));
    assertThat(otherTeam.statusCode()).isEqualTo(403);
    assertThat(otherTeam.bodyAsString()).contains("milik tim lain");
    assertThat(BoardWatcher.call(tl2.get("/api/board").bodyAsJsonObject(), talking.linkedid())).isEmpty();
    assertThat(tl1.post("/api/board/calls/" + talking.linkedid() + "/join", new JsonObject().put("mode", "shout"))
        .statusCode()).isEqualTo(400);
    assertThat(tl1.post("/api/board/calls/1.2.3/join", new JsonObject().put("mode", "listen")).statusCode())
        .isEqualTo(404);

    RingHandle ringing = server.pbx().ring("081200000003", "Penelepon Uji", "eapp", "Local/agent1@agents/n",
        "Agent One").await(10, TimeUnit.SECONDS);
    boardA.until("agent1 ringing", b -> BoardWatcher.call(b, ringing.linkedid())
        .map(c -> c.getString("state").equals("ringing")).orElse(false), 10_000);
    HttpResponse<Buffer> notLive = tl1.post("/api/board/calls/" + ringing.linkedid() + "/join",
        new JsonObject().put("mode", "listen"));
    assertThat(notLive.statusCode()).isEqualTo(409);
    assertThat(notLive.bodyAsString()).contains("Tidak ada kanal percakapan agen");
    assertThat(originates()).isEqualTo(before);

    ringing.hangup().await(10, TimeUnit.SECONDS);
    talking.hangup().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("Only the team's own leaders receive its board: the other team's leader and an agent are refused")
  void boardAddressIsTheTeamsLeadersOnly() throws Exception {
    try (BridgeClient otherLeader = BridgeClient.connect(server.vertx, tl2).register(Addresses.teamBoard("tim-a"));
         BridgeClient agent = BridgeClient.connect(server.vertx, agent1).register(Addresses.teamBoard("tim-a"));
         BridgeClient ownB = BridgeClient.connect(server.vertx, tl2).register(Addresses.teamBoard("tim-b"))) {
      // register() returns on the bridge's refusal, so both are in by now.
      assertThat(otherLeader.errors()).hasSize(1);
      assertThat(agent.errors()).hasSize(1);
      RingHandle call = talkingCall("081200000007", "Local/agent3@agents/n", "Agent Three");
      JsonObject b = ownB.nextOfType("board", 30_000);
      assertThat(b).as("tl2 gets tim-b's board").isNotNull();
      // tim-a's board for the same call went out with tim-b's: it reached neither refused socket.
      assertThat(otherLeader.takeReceived()).isEmpty();
      assertThat(agent.takeReceived()).isEmpty();
      call.hangup().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("An agent on a live call raises a hand; it shows on that call on the board until the team leader "
      + "lowers it; an agent with no live call cannot")
  void raiseHand() throws Exception {
    HttpSession agent2 = server.login("agent2");
    assertThat(agent2.post("/api/hands", new JsonObject()).statusCode()).isEqualTo(409);
    RingHandle call = talkingCall("081200000004", "Local/agent2@agents/n", "Agent Two");
    boardA.until("agent2 on the call", b -> BoardWatcher.call(b, call.linkedid())
        .map(c -> c.getString("state").equals("talking")).orElse(false), 10_000);

    HttpResponse<Buffer> raised = agent2.post("/api/hands", new JsonObject().put("note", "NPWP ganda"));
    assertThat(raised.statusCode()).as(raised.bodyAsString()).isEqualTo(200);
    long handId = raised.bodyAsJsonObject().getLong("id");
    JsonObject shown = boardA.until("the raised hand", b -> BoardWatcher.call(b, call.linkedid())
        .map(c -> c.getJsonObject("hand") != null).orElse(false), 10_000);
    assertThat(BoardWatcher.call(shown, call.linkedid()).orElseThrow().getJsonObject("hand").getString("note"))
        .isEqualTo("NPWP ganda");

    assertThat(tl2.post("/api/hands/" + handId + "/lower", new JsonObject()).statusCode()).isEqualTo(403);
    assertThat(tl1.post("/api/hands/" + handId + "/lower", new JsonObject()).statusCode()).isEqualTo(200);
    boardA.until("the hand lowered", b -> BoardWatcher.call(b, call.linkedid())
        .map(c -> c.getJsonObject("hand") == null).orElse(false), 10_000);
    call.hangup().await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("After an AMI outage the board is whole again from Asterisk's state: a call that ended meanwhile is "
      + "gone, one that started and was answered meanwhile is there, and a reconnecting browser reads the same")
  void wholeAfterOutage() throws Exception {
    RingHandle before = talkingCall("081200000005", "Local/agent1@agents/n", "Agent One");
    boardA.until("the first call talking", b -> BoardWatcher.call(b, before.linkedid()).isPresent(), 10_000);
    try (BusRecorder status = new BusRecorder(server.vertx, Addresses.AMI_STATUS)) {
      server.pbx().rejectLogins(true);
      server.pbx().disconnectAll().await(5, TimeUnit.SECONDS);
      status.awaitMatching(s -> !s.getBoolean("up"), 30_000);
      before.hangup().await(10, TimeUnit.SECONDS);
      RingHandle during = talkingCall("081200000006", "Local/agent2@agents/n", "Agent Two");
      server.pbx().rejectLogins(false);
      status.awaitMatching(s -> s.getBoolean("up"), 20_000);

      JsonObject after = boardA.until("the board resynchronised", b -> BoardWatcher.call(b, before.linkedid()).isEmpty()
          && BoardWatcher.call(b, during.linkedid()).map(c -> c.getString("state").equals("talking")
              && c.getLong("ticketId") != null).orElse(false),
          20_000);
      assertThat(BoardWatcher.stateOf(after, "agent2")).isEqualTo("on_call");
      JsonObject read = tl1.get("/api/board").bodyAsJsonObject();
      assertThat(read.getJsonArray("calls")).isEqualTo(after.getJsonArray("calls"));
      during.hangup().await(10, TimeUnit.SECONDS);
    }
  }

  private static int originates() {
    return (int) server.pbx().receivedActions().stream().filter(a -> "Originate".equalsIgnoreCase(a.get("Action")))
        .count();
  }
}
