package klip.tickets;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.support.BridgeClient;
import klip.support.BusRecorder;
import klip.support.Captures;
import klip.support.HttpSession;
import klip.support.Sql;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays every transcript captured from a real Asterisk 22 through the simulated PBX's TCP socket into the
 * running server (asterisk-java, call model, tickets, bridge) and checks the tickets, missed calls and pops
 * against the outcomes tabled in the captures' README (expected.json).
 */
class CaptureReplayTest {

  private static TestServer server;
  private static BridgeClient agent1;
  private static BridgeClient agent2;
  /** The popIds each agent's socket has delivered, over every replay of this class. */
  private static final Map<String, java.util.Set<Long>> POPS_SEEN =
      Map.of("agent1", new java.util.HashSet<>(), "agent2", new java.util.HashSet<>());

  @BeforeAll
  static void start() {
    server = TestServer.start();
    HttpSession one = server.login("agent1");
    HttpSession two = server.login("agent2");
    agent1 = BridgeClient.connect(server.vertx, one).register(Addresses.agentPops("agent1"));
    agent2 = BridgeClient.connect(server.vertx, two).register(Addresses.agentPops("agent2"));
  }

  @AfterAll
  static void stop() {
    agent1.close();
    agent2.close();
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ami-session-1.txt", "ami-session-2.txt", "ami-session-3.txt"})
  @DisplayName("A replayed capture opens one ticket per call that rang at an agent, a missed call for the rest, "
      + "and pops each ticket to every agent it rang at, in order")
  void replay(String session) throws Exception {
    JsonArray calls = Captures.expected().getJsonObject(session).getJsonArray("calls");
    long tickets = calls.stream().filter(c -> ((JsonObject) c).getBoolean("ticket")).count();
    long missed = calls.stream().filter(c -> ((JsonObject) c).getBoolean("missedCall")).count();

    try (BusRecorder ended = new BusRecorder(server.vertx, Addresses.TICKET_UPDATED);
         BusRecorder missedCalls = new BusRecorder(server.vertx, Addresses.MISSED_CALL_RECORDED)) {
      server.pbx().replay(Captures.transcript(session)).await(30, TimeUnit.SECONDS);
      for (int i = 0; i < tickets; i++) {
        ended.awaitMatching(u -> !u.getString("callStatus").equals("connected"), 20_000);
      }
      missedCalls.await((int) missed, 20_000);
    }

    Map<String, List<String>> popsByCall = drainPops();
    for (Object o : calls) {
      JsonObject call = (JsonObject) o;
      String callId = call.getString("linkedid");
      List<JsonObject> rows = Sql.rows(server.server.pool(),
          "SELECT id, caller_number, caller_name, queue, agent_interface, call_status FROM tickets WHERE call_id = $1",
          callId);
      if (!call.getBoolean("ticket")) {
        assertThat(rows).as("no ticket for %s", callId).isEmpty();
        List<JsonObject> missedRow = Sql.rows(server.server.pool(),
            "SELECT caller_number, queue, wait_seconds FROM missed_calls WHERE call_id = $1", callId);
        assertThat(missedRow).hasSize(1);
        assertThat(missedRow.get(0).getString("caller_number")).isEqualTo(call.getString("callerNumber"));
        assertThat(missedRow.get(0).getString("queue")).isEqualTo(call.getString("queue"));
        continue;
      }
      assertThat(rows).as("one ticket for %s", callId).hasSize(1);
      JsonObject ticket = rows.get(0);
      assertThat(ticket.getString("caller_number")).isEqualTo(call.getString("callerNumber"));
      assertThat(ticket.getString("caller_name")).isEqualTo(call.getString("callerName"));
      assertThat(ticket.getString("queue")).isEqualTo(call.getString("queue"));
      List<String> rang = Sql.rows(server.server.pool(),
              "SELECT agent_interface FROM ticket_rings WHERE ticket_id = $1 ORDER BY attempt", ticket.getLong("id"))
          .stream().map(r -> r.getString("agent_interface")).toList();
      assertThat(rang).isEqualTo(call.getJsonArray("rang").getList());
      String answeredBy = call.getString("answeredBy");
      if (answeredBy != null) {
        assertThat(ticket.getString("call_status")).isEqualTo("ended");
        assertThat(ticket.getString("agent_interface")).isEqualTo(answeredBy);
      } else {
        assertThat(ticket.getString("call_status")).isEqualTo("unanswered");
      }
      List<String> expectedPops = call.getJsonArray("rang").stream().map(i -> usernameOf((String) i)).toList();
      assertThat(popsByCall.get(callId)).as("pops of %s", callId).isEqualTo(expectedPops);
      assertThat(Sql.rows(server.server.pool(), "SELECT 1 FROM pops WHERE ticket_id = $1", ticket.getLong("id")))
          .hasSize(expectedPops.size());
    }
  }

  private static String usernameOf(String iface) {
    return iface.contains("agent1") ? "agent1" : "agent2";
  }

  /**
   * Every pop both agents received since the last call, grouped by call, in the order the database numbered
   * them. Each agent's socket is read until it has had every pop stored for that agent (the same pop may come
   * twice: a re-send is kept once), so no pop still on its way is missed.
   */
  private static Map<String, List<String>> drainPops() throws InterruptedException {
    List<JsonObject> all = new ArrayList<>();
    for (String agent : List.of("agent1", "agent2")) {
      BridgeClient client = agent.equals("agent1") ? agent1 : agent2;
      long stored = (Long) Sql.rows(server.server.pool(), "SELECT count(*) AS n FROM pops WHERE agent_username = $1",
          agent).get(0).getValue("n");
      while (POPS_SEEN.get(agent).size() < stored) {
        JsonObject body = client.next(30, TimeUnit.SECONDS);
        assertThat(body).as("pop %d of %d stored for %s", POPS_SEEN.get(agent).size() + 1, stored, agent)
            .isNotNull();
        if ("pop".equals(body.getString("type")) && POPS_SEEN.get(agent).add(body.getLong("popId"))) {
          all.add(body);
        }
      }
    }
    all.sort((a, b) -> Long.compare(a.getLong("popId"), b.getLong("popId")));
    Map<String, List<String>> byCall = new LinkedHashMap<>();
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (JsonObject pop : all) {
      if (seen.add(pop.getLong("popId"))) {
        byCall.computeIfAbsent(pop.getJsonObject("ticket").getString("callId"), k -> new ArrayList<>())
            .add(pop.getJsonObject("ticket").getString("agent"));
      }
    }
    return byCall;
  }
}
