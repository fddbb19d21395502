package klip.tickets;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.pbx.CallScenario;
import klip.support.BusRecorder;
import klip.support.DatabaseOutage;
import klip.support.Eventually;
import klip.support.HttpSession;
import klip.support.Sql;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Takes the server's PostgreSQL database away (connections refused, every backend terminated) while the simulated
 * PBX plays whole calls over AMI, then brings it back: every call must get its ticket with its timeline in order,
 * and every caller who gave up in the queue their missed-call row.
 */
class DatabaseOutageFactsTest {

  private static final int ANSWERED = 8;
  private static final int ABANDONED = 4;

  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  @DisplayName("Calls that ring, are answered and end while the database is away all get their ticket, in order, "
      + "and abandoned callers their missed-call row, once it is back")
  void callFactsWaitForTheDatabase() throws Exception {
    List<String> answered = new ArrayList<>();
    List<String> abandoned = new ArrayList<>();
    try (BusRecorder updates = new BusRecorder(server.vertx, Addresses.TICKET_UPDATED);
         BusRecorder missed = new BusRecorder(server.vertx, Addresses.MISSED_CALL_RECORDED);
         DatabaseOutage outage = DatabaseOutage.begin(server.database)) {
      List<Future<String>> plays = new ArrayList<>();
      for (int i = 0; i < ANSWERED; i++) {
        String agent = i % 2 == 0 ? "agent1" : "agent2";
        plays.add(server.pbx().play(CallScenario.answered(String.format("0812000000%02d", i), "Penelepon " + i,
            "Local/" + agent + "@agents/n", agent)));
      }
      List<Future<String>> leaves = new ArrayList<>();
      for (int i = 0; i < ABANDONED; i++) {
        leaves.add(server.pbx().play(CallScenario.builder(String.format("0813000000%02d", i), "Penyerah " + i)
            .abandonInQueue(Duration.ofSeconds(5)).build()));
      }
      for (Future<String> play : plays) {
        answered.add(play.await(30, TimeUnit.SECONDS));
      }
      for (Future<String> leave : leaves) {
        abandoned.add(leave.await(30, TimeUnit.SECONDS));
      }
      Eventually.until("the ticket facts held while the database is away", 10_000,
          () -> server.server.backlogs().health().getJsonObject("consumers").getJsonObject("tickets"),
          h -> h.getInteger("pending") > 0 && h.getLong("retries") > 0);
      HttpSession anonymous = HttpSession.anonymous(server.vertx, server.port());
      JsonObject health = anonymous.get("/health").bodyAsJsonObject();
      assertThat(health.getJsonObject("checks").getJsonObject("callFacts").getJsonObject("consumers")
          .getJsonObject("tickets").getInteger("pending")).isPositive();

      outage.end();

      Set<String> ended = new HashSet<>();
      while (!ended.containsAll(answered)) {
        JsonObject u = updates.awaitMatching(m -> "ended".equals(m.getString("callStatus")), 30_000);
        ended.add(Sql.rows(server.server.pool(), "SELECT call_id FROM tickets WHERE id = $1", u.getLong("ticketId"))
            .get(0).getString("call_id"));
      }
      Set<String> recorded = new HashSet<>();
      while (!recorded.containsAll(abandoned)) {
        recorded.add(missed.awaitMatching(m -> true, 30_000).getString("callId"));
      }
    }
    for (String callId : answered) {
      List<JsonObject> tickets = Sql.rows(server.server.pool(),
          "SELECT id, call_status, agent_username FROM tickets WHERE call_id = $1", callId);
      assertThat(tickets).as("ticket of call %s", callId).hasSize(1);
      assertThat(tickets.get(0).getString("call_status")).isEqualTo("ended");
      List<String> kinds = Sql.rows(server.server.pool(),
              "SELECT kind FROM ticket_events WHERE ticket_id = $1 AND kind IN ('received', 'rang', 'answered', "
                  + "'call_ended') ORDER BY id", tickets.get(0).getLong("id"))
          .stream().map(r -> r.getString("kind")).toList();
      // In the order the facts were applied (row ids), not their AMI times, which can share a millisecond; the
      // ring's statement writes "received" and "rang" together.
      assertThat(kinds).as("timeline of call %s", callId).hasSize(4);
      assertThat(kinds.subList(0, 2)).as("timeline of call %s", callId).containsExactlyInAnyOrder("received", "rang");
      assertThat(kinds.subList(2, 4)).as("timeline of call %s", callId).containsExactly("answered", "call_ended");
    }
    for (String callId : abandoned) {
      assertThat(Sql.rows(server.server.pool(), "SELECT wait_seconds FROM missed_calls WHERE call_id = $1", callId))
          .as("missed call %s", callId).hasSize(1);
    }
    assertThat(Sql.rows(server.server.pool(), "SELECT id FROM tickets WHERE call_id = ANY($1)",
        (Object) abandoned.toArray(new String[0]))).as("no ticket for a caller who never rang").isEmpty();
    Eventually.until("the backlog drained", 10_000,
        () -> server.server.backlogs().health().getJsonObject("consumers").getJsonObject("tickets"),
        h -> h.getInteger("pending") == 0 && h.getLong("skipped") == 0);
  }
}
