package klip.recordings;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.support.BusRecorder;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent desktop's DOM recording, uploaded in chunks: resume, idempotent repeats, content checks, limits. */
class ScreenCaptureTest {

  private static TestServer ts;
  private static HttpSession agent;
  private static long ticketId;

  @BeforeAll
  static void start() throws Exception {
    ts = TestServer.start(new JsonObject().put("KLIP_CAPTURE_CHUNK_MAX_BYTES", 4096));
    agent = ts.login("agent1");
    BusRecorder opened = new BusRecorder(ts.vertx, Addresses.TICKET_OPENED);
    ts.pbx().ring("081298765432", "Dewi", "eapp", "Local/agent1@agents/n", "Agent One").await(10, TimeUnit.SECONDS);
    ticketId = opened.await(1, 60_000).get(0).getLong("ticketId");
    opened.close();
  }

  @AfterAll
  static void stop() {
    ts.close();
  }

  private static String chunk(int seq, String value) {
    long now = System.currentTimeMillis();
    return new JsonObject().put("events", new JsonArray()
        .add(new JsonObject().put("t", now).put("type", "snapshot").put("tree", new JsonObject().put("tag", "div")))
        .add(new JsonObject().put("t", now + 10).put("type", "input").put("field", "question").put("value", value)))
        .encode();
  }

  private static JsonObject open() {
    var r = agent.post("/api/captures", new JsonObject().put("ticketId", ticketId));
    assertThat(r.statusCode()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  @Test
  @DisplayName("An upload cut off half-way stores nothing; the client resumes from nextSeq and the capture replays")
  void resumesAfterInterruptedUpload() throws Exception {
    long id = open().getLong("id");
    String path = "/api/captures/" + id + "/chunks/";
    assertThat(agent.send(HttpMethod.PUT, path + 0, chunk(0, "EFIN saya hilang")).statusCode()).isEqualTo(200);

    byte[] body = chunk(1, "lupa EFIN").getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket("127.0.0.1", ts.port())) {
      OutputStream out = s.getOutputStream();
      out.write(("PUT " + path + 1 + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + agent.cookie()
          + "\r\nX-Requested-With: klip\r\nContent-Type: application/json\r\nContent-Length: " + body.length
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, body.length / 2);
      out.flush();
    }
    // The cut-off request may still be in flight on the server: the status only ever shows whole chunks.
    JsonObject status = agent.get("/api/captures/" + id).bodyAsJsonObject();
    assertThat(status.getInteger("nextSeq")).isEqualTo(1);
    assertThat(open().getLong("id")).as("a reloaded tab resumes the same capture").isEqualTo(id);

    assertThat(agent.send(HttpMethod.PUT, path + 1, chunk(1, "lupa EFIN")).bodyAsJsonObject().getInteger("nextSeq"))
        .isEqualTo(2);
    String again = chunk(2, "x");
    assertThat(agent.send(HttpMethod.PUT, path + 2, again).statusCode()).isEqualTo(200);
    JsonObject repeat = agent.send(HttpMethod.PUT, path + 2, again).bodyAsJsonObject();
    assertThat(repeat.getBoolean("repeated")).isTrue();
    assertThat(repeat.getInteger("nextSeq")).isEqualTo(3);
    assertThat(agent.send(HttpMethod.PUT, path + 2, chunk(2, "other")).statusCode()).isEqualTo(409);
    assertThat(agent.send(HttpMethod.PUT, path + 5, chunk(5, "gap")).statusCode()).isEqualTo(409);
    assertThat(agent.post("/api/captures/" + id + "/snapshot", new JsonObject().put("t", System.currentTimeMillis())
        .put("ticket", new JsonObject().put("question", "lupa EFIN"))).statusCode()).isEqualTo(200);

    JsonObject replay = ts.login("qa1").get("/api/captures/" + id + "/events").bodyAsJsonObject();
    assertThat(replay.getJsonArray("events")).hasSize(6);
    assertThat(replay.getJsonArray("events").getJsonObject(3).getString("value")).isEqualTo("lupa EFIN");
    assertThat(replay.getJsonObject("snapshot").getJsonObject("ticket").getString("question")).isEqualTo("lupa EFIN");
    assertThat(ts.login("agent2").get("/api/captures/" + id + "/events").statusCode()).isEqualTo(403);
  }

  @Test
  @DisplayName("Uploads are checked by content and size: not JSON 415, wrong shape 400, too big 413, not mine 404")
  void checksContent() {
    long id = open().getLong("id");
    int next = agent.get("/api/captures/" + id).bodyAsJsonObject().getInteger("nextSeq");
    String path = "/api/captures/" + id + "/chunks/" + next;
    assertThat(agent.send(HttpMethod.PUT, path, "GIF89a\u0001\u0000<script>").statusCode()).isEqualTo(415);
    assertThat(agent.send(HttpMethod.PUT, path, "{\"events\":[{\"type\":\"snapshot\"}]}").statusCode())
        .isEqualTo(400);
    assertThat(agent.send(HttpMethod.PUT, path, chunk(next, "x".repeat(5000))).statusCode()).isEqualTo(413);
    assertThat(ts.login("agent2").send(HttpMethod.PUT, path, chunk(next, "x")).statusCode()).isEqualTo(404);
    assertThat(ts.login("agent2").post("/api/captures", new JsonObject().put("ticketId", ticketId)).statusCode())
        .isEqualTo(403);
    assertThat(agent.get("/api/captures/" + id).bodyAsJsonObject().getInteger("nextSeq")).isEqualTo(next);
  }
}
