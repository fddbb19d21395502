package klip.qa;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.pbx.CallScenario;
import klip.support.BusRecorder;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The QA console's API against real calls: search, sample, evaluations, immutability, disputes, calibration. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QaTest {

  private static TestServer ts;
  private static HttpSession qa;
  private static long agent1Ticket;

  static JsonObject answers(double answer) {
    return new JsonObject().put("greeting", 1).put("identification", 1).put("answer", answer).put("sikp", 0.5)
        .put("sop", 1).put("documentation", null).put("closing", 1);
  }

  private static JsonObject user(String name, String role, String phone, String team) {
    return new JsonObject().put("username", name).put("displayName", name).put("role", role).put("interface", phone)
        .put("team", team).put("password", "klip-" + name);
  }

  @BeforeAll
  static void start() throws Exception {
    ts = TestServer.start(new JsonObject().put("KLIP_ROSTER", new JsonArray()
        .add(user("agent1", "agent", "Local/agent1@agents/n", "tim-a"))
        .add(user("agent2", "agent", "Local/agent2@agents/n", "tim-b"))
        .add(user("tl1", "team_leader", "PJSIP/2001", "tim-a"))
        .add(user("qa1", "quality_assessor", null, "qa")).add(user("qa2", "quality_assessor", null, "qa"))
        .add(user("editor1", "sikp_editor", null, "qa")).add(user("admin", "admin", null, "admin"))));
    qa = ts.login("qa1");
    BusRecorder linked = new BusRecorder(ts.vertx, Addresses.RECORDING_LINKED);
    for (String iface : new String[] {"Local/agent1@agents/n", "Local/agent1@agents/n", "Local/agent2@agents/n"}) {
      ts.pbx().play(CallScenario.builder("081355501234", "Rina").ring(iface, "A", CallScenario.Outcome.ANSWER)
          .talkDuration(Duration.ofSeconds(1)).build()).await(30, TimeUnit.SECONDS);
    }
    linked.await(3, 60_000);
    linked.close();
    JsonArray found = qa.get("/api/qa/interactions?phone=%2B6281355501234").bodyAsJsonArray();
    assertThat(found).hasSize(3).allMatch(o -> ((JsonObject) o).getLong("recordingId") != null);
    agent1Ticket = found.stream().map(o -> (JsonObject) o).filter(o -> o.getString("agent").equals("agent1"))
        .findFirst().orElseThrow().getLong("ticketId");
  }

  @AfterAll
  static void stop() {
    ts.close();
  }

  @Test
  @Order(1)
  @DisplayName("Interactions are found by agent, team, date, outcome and number; a weekly sample draws N per agent")
  void searchAndSample() {
    String today = LocalDate.now(ZoneId.of("Asia/Jakarta")).toString();
    assertThat(qa.get("/api/qa/interactions?agent=agent1").bodyAsJsonArray()).hasSize(2);
    assertThat(qa.get("/api/qa/interactions?team=tim-b").bodyAsJsonArray()).hasSize(1);
    assertThat(qa.get("/api/qa/interactions?from=" + today + "&to=" + today + "&outcome=ended").bodyAsJsonArray())
        .hasSize(3);
    assertThat(qa.get("/api/qa/interactions?from=2001-01-01&to=2001-01-02").bodyAsJsonArray()).isEmpty();
    assertThat(qa.get("/api/qa/interactions?taxpayer=123").statusCode()).isEqualTo(400);
    assertThat(ts.login("agent1").get("/api/qa/interactions").statusCode()).isEqualTo(403);

    LocalDate now = LocalDate.now(ZoneId.of("Asia/Jakarta"));
    String week = now.get(IsoFields.WEEK_BASED_YEAR) + "-W"
        + String.format("%02d", now.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    JsonObject sample = qa.get("/api/qa/sample?week=" + week + "&perAgent=1").bodyAsJsonObject();
    assertThat(sample.getJsonArray("calls").stream().map(c -> ((JsonObject) c).getString("agent")))
        .containsExactly("agent1", "agent2");
    assertThat(qa.get("/api/qa/sample?week=" + week + "&perAgent=1").bodyAsJsonObject().getJsonArray("calls"))
        .as("the same seed draws the same calls").isEqualTo(sample.getJsonArray("calls"));
  }

  @Test
  @Order(2)
  @DisplayName("An evaluation is scored by weights, a fatal 'no' fails it, it is never edited, only superseded")
  void evaluationsAreImmutable() {
    JsonObject first = qa.post("/api/qa/evaluations", new JsonObject().put("ticketId", agent1Ticket)
        .put("answers", answers(1)).put("comments", "Baik")).bodyAsJsonObject();
    // (10 + 15 + 30 + 7.5 + 10 + 10) / 90 applicable weight
    assertThat(first.getDouble("score")).isEqualTo(91.67);
    assertThat(first.getString("agent")).isEqualTo("agent1");
    assertThat(qa.post("/api/qa/evaluations", new JsonObject().put("ticketId", agent1Ticket)
        .put("answers", answers(1).put("bogus", 1))).statusCode()).isEqualTo(400);

    assertThatThrownBy(() -> ts.server.pool().preparedQuery("UPDATE qa_evaluations SET score = 100 WHERE id = $1")
        .execute(Tuple.of(first.getLong("id"))).await()).hasMessageContaining("cannot be edited");
    assertThat(qa.post("/api/qa/evaluations/" + first.getLong("id") + "/supersede",
        new JsonObject().put("answers", answers(0))).statusCode()).as("a reason is required").isEqualTo(400);

    JsonObject second = qa.post("/api/qa/evaluations/" + first.getLong("id") + "/supersede", new JsonObject()
        .put("reason", "Jawaban ternyata keliru").put("answers", answers(0))).bodyAsJsonObject();
    assertThat(second.getDouble("score")).isEqualTo(0.0);
    assertThat(second.getBoolean("fatalFailed")).isTrue();
    assertThat(second.getLong("supersedes")).isEqualTo(first.getLong("id"));
    assertThat(qa.post("/api/qa/evaluations/" + first.getLong("id") + "/supersede", new JsonObject()
        .put("reason", "lagi").put("answers", answers(1))).statusCode()).isEqualTo(409);

    JsonArray history = qa.get("/api/qa/interactions/" + agent1Ticket).bodyAsJsonObject().getJsonArray("evaluations");
    assertThat(history).hasSize(2);
    assertThat(history.getJsonObject(0).getLong("supersededBy")).isEqualTo(second.getLong("id"));
    assertThat(history.getJsonObject(0).getDouble("score")).isEqualTo(91.67);
  }

  @Test
  @Order(3)
  @DisplayName("An agent sees and disputes only their own evaluations; their score over time is by week")
  void agentViewAndDispute() {
    HttpSession agent1 = ts.login("agent1");
    JsonArray mine = agent1.get("/api/qa/my-evaluations").bodyAsJsonArray();
    assertThat(mine).isNotEmpty();
    long id = mine.getJsonObject(0).getLong("id");
    assertThat(ts.login("agent2").get("/api/qa/evaluations/" + id).statusCode()).isEqualTo(403);
    assertThat(ts.login("agent2").get("/api/qa/my-evaluations").bodyAsJsonArray()).isEmpty();
    assertThat(ts.login("agent2").post("/api/qa/evaluations/" + id + "/disputes",
        new JsonObject().put("reason", "bukan saya")).statusCode()).isEqualTo(403);
    assertThat(ts.login("tl1").get("/api/qa/agents/agent1/scores").statusCode()).isEqualTo(200);
    assertThat(ts.login("tl1").get("/api/qa/agents/agent2/scores").statusCode()).isEqualTo(403);

    JsonObject dispute = agent1.post("/api/qa/evaluations/" + id + "/disputes",
        new JsonObject().put("reason", "Jawaban saya sesuai SIKP versi 3")).bodyAsJsonObject();
    assertThat(dispute.getString("status")).isEqualTo("open");
    assertThat(agent1.post("/api/qa/evaluations/" + id + "/disputes", new JsonObject().put("reason", "lagi"))
        .statusCode()).isEqualTo(409);
    assertThat(qa.post("/api/qa/disputes/" + dispute.getLong("id") + "/resolve", new JsonObject()
        .put("status", "upheld").put("resolution", "Benar, akan digantikan")).statusCode()).isEqualTo(200);
    assertThat(agent1.get("/api/qa/my-evaluations").bodyAsJsonArray().getJsonObject(0).getJsonObject("dispute")
        .getString("status")).isEqualTo("upheld");

    JsonArray weeks = agent1.get("/api/qa/agents/agent1/scores").bodyAsJsonObject().getJsonArray("weeks");
    assertThat(weeks).hasSize(1);
    assertThat(weeks.getJsonObject(0).getDouble("average")).isEqualTo(0.0); // only the current evaluation counts
  }

  @Test
  @Order(4)
  @DisplayName("Calibration is blind until one's own score is in; then every score and the spread are shown")
  void calibration() {
    HttpSession qa2 = ts.login("qa2");
    long id = qa.post("/api/qa/calibrations", new JsonObject().put("ticketId", agent1Ticket)).bodyAsJsonObject()
        .getLong("id");
    qa.post("/api/qa/evaluations", new JsonObject().put("ticketId", agent1Ticket).put("calibrationId", id)
        .put("answers", answers(1)));
    JsonObject blind = qa2.get("/api/qa/calibrations/" + id).bodyAsJsonObject();
    assertThat(blind.getBoolean("blind")).isTrue();
    assertThat(blind.containsKey("evaluations")).isFalse();
    qa2.post("/api/qa/evaluations", new JsonObject().put("ticketId", agent1Ticket).put("calibrationId", id)
        .put("answers", answers(0.5)));
    assertThat(qa2.post("/api/qa/evaluations", new JsonObject().put("ticketId", agent1Ticket)
        .put("calibrationId", id).put("answers", answers(1))).statusCode()).isEqualTo(409);

    JsonObject report = qa2.get("/api/qa/calibrations/" + id).bodyAsJsonObject();
    assertThat(report.getJsonArray("evaluations")).hasSize(2);
    assertThat(report.getJsonObject("spread").getDouble("range")).isEqualTo(91.67 - 75.0, org.assertj.core.data.Offset.offset(0.01));
    assertThat(report.getJsonObject("criteria").getJsonObject("answer").getDouble("range")).isEqualTo(0.5);
    assertThat(ts.login("agent1").get("/api/qa/my-evaluations").bodyAsJsonArray().stream()
        .noneMatch(e -> ((JsonObject) e).getLong("calibrationId") != null)).isTrue();
  }

  @Test
  @Order(5)
  @DisplayName("The QA section defines a new form version with weights and fatal criteria; it becomes active")
  void formsAreDefinedByTheQaSection() {
    JsonObject form = new JsonObject().put("name", "Pengawasan Kualitas Layanan KLIP").put("criteria", new JsonArray()
        .add(new JsonObject().put("code", "greeting").put("label", "Salam").put("weight", 20))
        .add(new JsonObject().put("code", "answer").put("label", "Jawaban").put("weight", 80).put("fatal", true)));
    assertThat(qa.post("/api/qa/forms", form).statusCode()).isEqualTo(403);
    JsonObject created = ts.login("editor1").post("/api/qa/forms", form).bodyAsJsonObject();
    assertThat(created.getInteger("version")).isEqualTo(2);
    assertThat(qa.get("/api/qa/forms/active").bodyAsJsonObject().getJsonArray("criteria")).hasSize(2);
    JsonObject e = qa.post("/api/qa/evaluations", new JsonObject().put("ticketId", agent1Ticket)
        .put("answers", new JsonObject().put("greeting", 0).put("answer", 1))).bodyAsJsonObject();
    assertThat(e.getDouble("score")).isEqualTo(80.0);
  }
}
