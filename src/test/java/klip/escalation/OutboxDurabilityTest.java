package klip.escalation;

import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.db.Database;
import klip.support.BridgeClient;
import klip.support.HttpSession;
import klip.support.Eventually;
import klip.support.TestPostgres;
import klip.support.TestServer;
import klip.support.TestTickets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class OutboxDurabilityTest {

  @Test
  @DisplayName("Killed between commit and publish: after a restart on the same database the desk gets the escalation exactly once")
  void deliveredAfterRestart() throws Exception {
    Database database = TestPostgres.freshDatabase();
    long ticketId;
    // First life: the publisher is stopped, as if the process died right after the commit.
    try (TestServer first = TestServer.start(new JsonObject().put("KLIP_OUTBOX_PUBLISH", "false"), database)) {
      ticketId = TestTickets.connected(first.server.pool(), "agent1");
      HttpSession agent = first.login("agent1");
      var r = agent.post("/api/tickets/" + ticketId + "/transitions",
          new JsonObject().put("to", "escalated").put("version", 1).put("note", "EFIN tidak terkirim"));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      assertThat(TestTickets.scalar(first.server.pool(), "SELECT count(*) FROM outbox WHERE published_at IS NULL"))
          .isEqualTo(1L);
      assertThat(TestTickets.scalar(first.server.pool(), "SELECT count(*) FROM escalation_desk_inbox")).isEqualTo(0L);
      // An admin's calendar edit in the first life must survive the restart (the data file seeds only once).
      // A forward cut short by the stop (a webhook still retrying) is resumed by the next start.
      TestTickets.scalar(first.server.pool(), "UPDATE escalations SET status = 'forwarding', channel = 'demo' "
          + "RETURNING id");
      assertThat(first.login("admin").send(io.vertx.core.http.HttpMethod.DELETE, "/api/calendar/days/2027-03-26", null)
          .statusCode()).isEqualTo(200);
    }

    // Second life: the same database, the publisher running.
    try (TestServer second = TestServer.start(new JsonObject().put("KLIP_OUTBOX_POLL_MS", 200), database)) {
      assertThat(TestTickets.scalar(second.server.pool(), "SELECT count(*) FROM calendar_days WHERE day = '2027-03-26'"))
          .isEqualTo(0L);
      HttpSession desk = second.login("eskalasi1");
      try (BridgeClient bridge = BridgeClient.connect(second.vertx, desk).register(Addresses.ESCALATION_DESK)) {
        awaitCount(second, "SELECT count(*) FROM outbox WHERE published_at IS NOT NULL", 1L);
        assertThat(TestTickets.scalar(second.server.pool(), "SELECT count(*) FROM escalation_desk_inbox"))
            .isEqualTo(1L);
        assertThat(TestTickets.scalar(second.server.pool(), "SELECT deliveries FROM escalation_desk_inbox"))
            .isEqualTo(1);

        // A duplicate delivery (the publisher died after the consumer's effect, before marking the row):
        // the consumer counts it and changes nothing else.
        TestTickets.scalar(second.server.pool(), "UPDATE outbox SET published_at = NULL RETURNING id");
        second.vertx.eventBus().send(Addresses.OUTBOX_KICK, 0);
        awaitCount(second, "SELECT deliveries::bigint FROM escalation_desk_inbox", 2L);
        assertThat(TestTickets.scalar(second.server.pool(), "SELECT count(*) FROM escalation_desk_inbox"))
            .isEqualTo(1L);

        awaitCount(second, "SELECT count(*) FROM escalations WHERE status = 'forwarded'", 1L);
        var list = desk.get("/api/escalations").bodyAsJsonArray();
        assertThat(list).hasSize(1);
        assertThat(list.getJsonObject(0).getLong("ticketId")).isEqualTo(ticketId);
        assertThat(list.getJsonObject(0).getString("question")).isEqualTo("Bagaimana cara lapor SPT lewat e-Filing?");
        assertThat(list.getJsonObject(0).getString("reason")).isEqualTo("EFIN tidak terkirim");
        assertThat(list.getJsonObject(0).getBoolean("onDesk")).isTrue();
        // No live push for the duplicate: the desk heard about this escalation at most once (the first push may
        // have gone out before this socket registered).
        assertThat(bridge.takeReceived()).hasSizeLessThanOrEqualTo(1);
      }
    }
  }

  /** Polled: the publisher's and the desk's writes are bus requests between them; nothing is published. */
  private static void awaitCount(TestServer ts, String sql, Object expected) {
    Eventually.until(sql + " = " + expected, 30_000, () -> TestTickets.scalar(ts.server.pool(), sql), expected::equals);
  }
}
