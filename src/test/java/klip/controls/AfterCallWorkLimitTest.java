package klip.controls;

import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.support.BusRecorder;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** After-call work ends at the configured longest time even when the ticket is still open. */
class AfterCallWorkLimitTest {

  @Test
  @DisplayName("With KLIP_ACW_MAX_SECONDS=1 the agent paused for after-call work is unpaused by the server, the "
      + "ticket still open")
  void unpausedAtMaxTime() throws Exception {
    try (TestServer server = TestServer.start(new JsonObject().put("KLIP_ACW_PAUSE", "true")
        .put("KLIP_ACW_MAX_SECONDS", 1));
         BusRecorder ended = new BusRecorder(server.vertx, Addresses.CONTROLS_ACW_ENDED)) {
      long ticketId = AfterCallWorkTest.callEndsWithOpenTicket(server, "081234567020");
      JsonObject end = ended.awaitMatching(e -> e.getLong("ticketId") == ticketId, 15_000);
      assertThat(end.getString("why")).isEqualTo("max_time");
      assertThat(end.getBoolean("unpaused")).isTrue();
      // Every action the PBX received, in order: the unpause came after the after-call-work pause.
      klip.support.Eventually.until("QueuePause unpausing agent1 after the acw pause", 10_000,
          () -> server.pbx().receivedActions().stream().filter(a -> "QueuePause".equals(a.get("Action")))
              .map(a -> a.get("Paused") + ":" + a.getOrDefault("Reason", "")).toList(),
          pauses -> pauses.indexOf("true:acw") >= 0 && pauses.subList(pauses.indexOf("true:acw"), pauses.size())
              .contains("false:"));
    }
  }
}
