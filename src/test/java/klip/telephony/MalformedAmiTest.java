package klip.telephony;

import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.pbx.CallScenario;
import klip.support.BusRecorder;
import klip.support.HttpSession;
import klip.support.Sql;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Garbage, truncated and hostile AMI input is logged and skipped; the calls around it are still handled. */
class MalformedAmiTest {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("Malformed AMI messages, unknown events and events for unknown calls or agents crash nothing")
  void malformedInputIsSkipped() throws Exception {
    String garbage = String.join("",
        "this line has no colon\r\n\r\n",
        "Event: AgentCalled\r\nQueue: eapp\r\n\r\n",                         // no channel, no Linkedid
        "Event: AgentCalled\r\nLinkedid: \r\nInterface: \r\n\r\n",            // empty values
        "Event: QueueCallerJoin\r\nPosition: not-a-number\r\nLinkedid: x.1\r\n\r\n",
        "Event: Hangup\r\nLinkedid: 999.9\r\nUniqueid: 999.9\r\nChannel: PJSIP/nobody-1\r\n\r\n",
        "Event: AgentComplete\r\nQueue: eapp\r\nInterface: Local/agent1@agents/n\r\n\r\n",
        "Event: TotallyUnknownEvent\r\nFoo: bar\r\n\r\n",
        "Event: Newchannel\r\nChannel: " + "X".repeat(20_000) + "\r\n\r\n",
        "\u0000\u0001\u00ff binary junk \r\n\r\n",
        "Event: AgentCalled\r\nQueue: eapp\r\nInterface: PJSIP/9999\r\nMemberName: Stranger\r\n"
            + "CallerIDNum: 0811000999\r\nChannel: PJSIP/trunk-1\r\nUniqueid: 500.1\r\nLinkedid: 500.1\r\n\r\n");
    try (BusRecorder opened = new BusRecorder(server.vertx, Addresses.TICKET_OPENED);
         BusRecorder updates = new BusRecorder(server.vertx, Addresses.TICKET_UPDATED)) {
      server.pbx().sendRaw(garbage).await(5, TimeUnit.SECONDS);
      // An AgentCalled for an interface nobody in the roster has: the ticket is kept, without an agent.
      JsonObject stranger = opened.awaitMatching(o -> o.getString("callId").equals("500.1"), 30_000);
      assertThat(stranger.getString("callerNumber")).isEqualTo("0811000999");

      String callId = server.pbx().play(CallScenario.answered("081234567001", "Budi Santoso",
          "Local/agent1@agents/n", "Agent One")).await(30, TimeUnit.SECONDS);
      updates.awaitMatching(u -> u.getString("callStatus").equals("ended"), 30_000);
      List<JsonObject> ticket = Sql.rows(server.server.pool(),
          "SELECT agent_username, call_status FROM tickets WHERE call_id = $1", callId);
      assertThat(ticket).hasSize(1);
      assertThat(ticket.get(0).getString("agent_username")).isEqualTo("agent1");
      assertThat(ticket.get(0).getString("call_status")).isEqualTo("ended");
    }
    assertThat(Sql.rows(server.server.pool(), "SELECT agent_username FROM tickets WHERE call_id = '500.1'")
        .get(0).getString("agent_username")).isNull();
    HttpSession anyone = HttpSession.anonymous(server.vertx, server.port());
    assertThat(anyone.get("/health").statusCode()).isEqualTo(200);
    // The project's own series beside those Vert.x reports for free: HTTP server, event bus, the SQL pool.
    assertThat(anyone.get("/metrics").bodyAsString()).contains("klip_ami_events_total")
        .contains("vertx_http_server_requests_total").contains("vertx_eventbus_processed_total")
        .contains("vertx_pool_");
  }
}
