package klip.supervision;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.support.Captures;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board built from every transcript captured from a real Asterisk 22, replayed through the simulated PBX's
 * socket into the running server: first up to a moment in the middle of the session (the board then must show
 * exactly who waits, rings and talks, and the agents' states), then the rest (all calls gone, counters right).
 */
class BoardCaptureTest {

  private static TestServer server;
  private static HttpSession tl1;
  private static BoardWatcher board;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    tl1 = server.login("tl1");
    board = new BoardWatcher(server, tl1, "tim-a");
  }

  @AfterAll
  static void stop() {
    board.close();
    server.close();
  }

  @Test
  @DisplayName("Session 1: mid-way Budi talks with Agent One under a spy, PT Sinar Jaya with Agent Two, Siti waits; "
      + "at the end three calls offered, three answered")
  void session1() throws Exception {
    replayInTwoParts("ami-session-1.txt", "Event: ChanSpyStart", mid -> {
      assertThat(BoardWatcher.waiting(mid)).extracting(w -> ((JsonObject) w).getString("callerName"))
          .containsExactly("Siti Rahayu");
      JsonObject budi = BoardWatcher.call(mid, "1796001090.0").orElseThrow();
      assertThat(budi.getString("state")).isEqualTo("talking");
      assertThat(budi.getJsonObject("agent").getString("username")).isEqualTo("agent1");
      assertThat(budi.getString("callerNumber")).isEqualTo("081234567001");
      assertThat(budi.getJsonArray("spies")).hasSize(1);
      assertThat(budi.getJsonArray("spies").getJsonObject(0).getString("spyerChannel"))
          .isEqualTo("Local/spy-agent1@supervise-00000005;2");
      assertThat(budi.getLong("ticketId")).isNotNull();
      JsonObject sinar = BoardWatcher.call(mid, "1796001092.4").orElseThrow();
      assertThat(sinar.getString("state")).isEqualTo("talking");
      assertThat(sinar.getJsonObject("agent").getString("username")).isEqualTo("agent2");
      assertThat(BoardWatcher.stateOf(mid, "agent1")).isEqualTo("on_call");
      assertThat(BoardWatcher.stateOf(mid, "agent2")).isEqualTo("on_call");
    });
  }

  @Test
  @DisplayName("Session 2: mid-way Rudi talks with Agent One while Agent Two is paused for lunch; at the end three "
      + "offered, one answered, two abandoned (one while ringing, one in the queue)")
  void session2() throws Exception {
    replayInTwoParts("ami-session-2.txt", "PausedReason: lunch", mid -> {
      assertThat(BoardWatcher.waiting(mid)).isEmpty();
      JsonObject rudi = BoardWatcher.call(mid, "1796001153.20").orElseThrow();
      assertThat(rudi.getString("state")).isEqualTo("talking");
      assertThat(rudi.getJsonObject("agent").getString("username")).isEqualTo("agent1");
      JsonObject two = BoardWatcher.agent(mid, "agent2").orElseThrow();
      assertThat(two.getString("state")).isEqualTo("paused");
      assertThat(two.getString("pausedReason")).isEqualTo("lunch");
    });
  }

  @Test
  @DisplayName("Session 3: mid-way Nur Aini talks with Agent Two under a spy and KKP Hadi with Agent One; at the end "
      + "two offered, two answered")
  void session3() throws Exception {
    replayInTwoParts("ami-session-3.txt", "Event: ChanSpyStart", mid -> {
      assertThat(BoardWatcher.waiting(mid)).isEmpty();
      JsonObject nur = BoardWatcher.call(mid, "1796001199.28").orElseThrow();
      assertThat(nur.getJsonObject("agent").getString("username")).isEqualTo("agent2");
      assertThat(nur.getJsonArray("spies")).hasSize(1);
      JsonObject kkp = BoardWatcher.call(mid, "1796001199.30").orElseThrow();
      assertThat(kkp.getString("state")).isEqualTo("talking");
      assertThat(kkp.getJsonObject("agent").getString("username")).isEqualTo("agent1");
    });
  }

  /**
   * Replays the capture up to the event holding {@code marker}, checks the board there, then replays the rest
   * and checks every call of the session left the board and the day's counters grew by the session's outcomes.
   */
  private void replayInTwoParts(String session, String marker, Consumer<JsonObject> midway) throws Exception {
    JsonObject before = tl1.get("/api/board").bodyAsJsonObject().getJsonObject("counters");
    JsonArray calls = Captures.expected().getJsonObject(session).getJsonArray("calls");
    String transcript = Captures.transcript(session);
    int cut = transcript.indexOf("\r\n\r\n", transcript.indexOf(marker)) + 4;

    server.pbx().replay(transcript.substring(0, cut)).await(30, TimeUnit.SECONDS);
    JsonObject mid = board.until("the midway state of " + session, b -> {
      try {
        midway.accept(b);
        return true;
      } catch (AssertionError | RuntimeException notYet) {
        return false;
      }
    }, 20_000);
    midway.accept(mid);

    server.pbx().replay(transcript.substring(cut)).await(30, TimeUnit.SECONDS);
    long answered = calls.stream().filter(c -> ((JsonObject) c).getString("answeredBy") != null).count();
    JsonObject end = board.until("all calls of " + session + " gone and counted", b -> {
      JsonObject counters = b.getJsonObject("counters");
      return b.getJsonArray("calls").isEmpty() && b.getJsonArray("waiting").isEmpty()
          && counters.getLong("offered") - before.getLong("offered") == calls.size()
          && counters.getLong("answered") - before.getLong("answered") == answered;
    }, 20_000);
    JsonObject counters = end.getJsonObject("counters");
    assertThat(counters.getLong("abandoned") - before.getLong("abandoned")).isEqualTo(calls.size() - answered);
    assertThat(counters.getLong("longestWaitSeconds")).isGreaterThanOrEqualTo(0);

    // What a browser reads after a reconnect is the same board.
    JsonObject read = tl1.get("/api/board").bodyAsJsonObject();
    assertThat(read.getJsonArray("calls")).isEqualTo(end.getJsonArray("calls"));
    assertThat(read.getJsonObject("counters")).isEqualTo(end.getJsonObject("counters"));
  }
}
