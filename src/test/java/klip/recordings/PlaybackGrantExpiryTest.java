package klip.recordings;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.pbx.CallScenario;
import klip.support.BusRecorder;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A server whose playback grants end the moment they are issued (maximum age zero): expiry, seen over HTTP. */
class PlaybackGrantExpiryTest {

  @Test
  @DisplayName("An expired grant is refused (403) however valid its user and session; the opening is still one row")
  void expiredGrantIsRefused() throws Exception {
    try (TestServer ts = TestServer.start(new JsonObject().put("KLIP_PLAYBACK_GRANT_MAX_MS", 0));
         BusRecorder linked = new BusRecorder(ts.vertx, Addresses.RECORDING_LINKED)) {
      String callId = ts.pbx().play(CallScenario.builder("081234567890", "Budi Santoso")
              .ring("Local/agent1@agents/n", "Agent One", CallScenario.Outcome.ANSWER)
              .talkDuration(Duration.ofSeconds(1)).build())
          .await(30, TimeUnit.SECONDS);
      linked.awaitMatching(m -> callId.equals(m.getString("callId")), 60_000);
      long id = ts.server.pool().preparedQuery("SELECT id FROM recordings WHERE call_id = $1 AND kind = 'call_audio'")
          .execute(Tuple.of(callId)).await().iterator().next().getLong(0);
      HttpSession assessor = ts.login("qa1");
      HttpResponse<Buffer> opened = assessor.post("/api/recordings/" + id + "/playbacks", null);
      assertThat(opened.statusCode()).as(opened.bodyAsString()).isEqualTo(201);

      HttpResponse<Buffer> seek = WebClient.create(ts.vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
              .setDefaultPort(ts.port())).get(opened.bodyAsJsonObject().getString("audio"))
          .putHeader("Cookie", assessor.cookie()).putHeader("Range", "bytes=0-1").send().await(10, TimeUnit.SECONDS);
      assertThat(seek.statusCode()).isEqualTo(403);
      assertThat(seek.bodyAsString()).contains("kedaluwarsa");
      assertThat(ts.server.pool().preparedQuery("SELECT count(*) FROM playback_audit WHERE recording_id = $1")
          .execute(Tuple.of(id)).await().iterator().next().getLong(0)).isEqualTo(1);
    }
  }
}
