package klip.supervision;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import klip.db.Database;
import klip.pbx.PbxConfig;
import klip.pbx.RingHandle;
import klip.pbx.SimulatedPbx;
import klip.support.HttpSession;
import klip.support.TestPostgres;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server restart while a call is in conversation, against a PBX that keeps running (as Asterisk does): the
 * new server's board has the call again (from Asterisk's CoreShowChannels), its ticket, the agent's raised hand
 * and the day's counters (from PostgreSQL) — none of it from events, which the new server never saw.
 */
class BoardRestartTest {

  @Test
  @DisplayName("After a server restart the board is whole again: the live call, its ticket, the raised hand and "
      + "the day's counters")
  void restart() throws Exception {
    Vertx pbxVertx = Vertx.vertx();
    SimulatedPbx pbx = new SimulatedPbx(pbxVertx, PbxConfig.defaults().withCredentials("klip", "s3cret")
        .withRecordingsDir(Files.createTempDirectory("klip-restart")).withTimeScale(0.01));
    int port = pbx.start().await(10, TimeUnit.SECONDS);
    JsonObject ami = new JsonObject().put("KLIP_AMI_HOST", "127.0.0.1").put("KLIP_AMI_PORT", port)
        .put("KLIP_AMI_USERNAME", "klip").put("KLIP_AMI_SECRET", "s3cret");
    Database database = TestPostgres.freshDatabase();
    try {
      RingHandle call;
      JsonObject before;
      try (TestServer first = TestServer.start(ami, database)) {
        HttpSession tl1 = first.login("tl1");
        try (BoardWatcher board = new BoardWatcher(first, tl1, "tim-a")) {
          call = pbx.ring("081200000009", "Wulan Sari", "eapp", "Local/agent1@agents/n", "Agent One")
              .await(10, TimeUnit.SECONDS);
          call.answer().await(10, TimeUnit.SECONDS);
          board.until("the call talking with its ticket", b -> BoardWatcher.call(b, call.linkedid())
              .map(c -> c.getBoolean("joinable") && c.getLong("ticketId") != null).orElse(false), 10_000);
          assertThat(first.login("agent1").post("/api/hands", new JsonObject().put("note", "tolong")).statusCode())
              .isEqualTo(200);
          before = board.until("the hand", b -> BoardWatcher.call(b, call.linkedid())
              .map(c -> c.getJsonObject("hand") != null).orElse(false), 10_000);
        }
      }

      try (TestServer second = TestServer.start(ami, database)) {
        HttpSession tl1 = second.login("tl1");
        try (BoardWatcher board = new BoardWatcher(second, tl1, "tim-a")) {
          JsonObject shown = tl1.get("/api/board").bodyAsJsonObject();
          if (BoardWatcher.call(shown, call.linkedid()).isEmpty()) {
            // Logged in, but the resynchronisation's snapshot may still be on its way: its push completes it.
            shown = board.until("the call back after the restart", b -> BoardWatcher.call(b, call.linkedid())
                .map(c -> c.getLong("ticketId") != null).orElse(false), 10_000);
          }
          JsonObject was = BoardWatcher.call(before, call.linkedid()).orElseThrow();
          JsonObject now = BoardWatcher.call(shown, call.linkedid()).orElseThrow();
          assertThat(now.getString("state")).isEqualTo("talking");
          assertThat(now.getJsonObject("agent").getString("username")).isEqualTo("agent1");
          assertThat(now.getLong("ticketId")).isEqualTo(was.getLong("ticketId"));
          assertThat(now.getString("callerNumber")).isEqualTo("081200000009");
          assertThat(now.getJsonObject("hand").getString("note")).isEqualTo("tolong");
          assertThat(now.getBoolean("joinable")).isTrue();
          assertThat(BoardWatcher.stateOf(shown, "agent1")).isEqualTo("on_call");
          assertThat(shown.getJsonObject("counters").getLong("answered"))
              .isEqualTo(before.getJsonObject("counters").getLong("answered"));
        }
        call.hangup().await(10, TimeUnit.SECONDS);
      }
    } finally {
      pbx.stop().await(10, TimeUnit.SECONDS);
      pbxVertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
