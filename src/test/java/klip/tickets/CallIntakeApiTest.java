package klip.tickets;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import klip.Addresses;
import klip.pbx.CallScenario;
import klip.support.BridgeClient;
import klip.support.BusRecorder;
import klip.support.HttpSession;
import klip.support.Sql;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The call-intake HTTP API as integrators and the agent desktop use it, against the running server. */
class CallIntakeApiTest {

  private static TestServer server;
  private static HttpSession agent1;
  private static long sitiTicket;
  private static long sitiPop;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    agent1 = server.login("agent1");
    try (BridgeClient bridge = BridgeClient.connect(server.vertx, agent1).register(Addresses.agentPops("agent1"));
         BusRecorder updates = new BusRecorder(server.vertx, Addresses.TICKET_UPDATED)) {
      server.pbx().play(CallScenario.answered("+6285711223344", "Siti Rahayu", "Local/agent1@agents/n", "Agent One"))
          .await(30, TimeUnit.SECONDS);
      updates.awaitMatching(u -> u.getString("callStatus").equals("ended"), 30_000);
      JsonObject pop = bridge.nextOfType("pop", 30_000);
      sitiTicket = pop.getJsonObject("ticket").getLong("id");
      sitiPop = pop.getLong("popId");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("POST /api/login gives a session cookie, and 401 with one message for a wrong password or user")
  void login() {
    HttpSession anonymous = HttpSession.anonymous(server.vertx, server.port());
    HttpResponse<Buffer> wrongPassword = anonymous.post("/api/login",
        new JsonObject().put("username", "agent1").put("password", "nope"));
    HttpResponse<Buffer> unknownUser = anonymous.post("/api/login",
        new JsonObject().put("username", "nobody").put("password", "nope"));
    assertThat(wrongPassword.statusCode()).isEqualTo(401);
    assertThat(unknownUser.statusCode()).isEqualTo(401);
    assertThat(wrongPassword.bodyAsJsonObject().getString("error"))
        .isEqualTo(unknownUser.bodyAsJsonObject().getString("error"));
    assertThat(anonymous.send(HttpMethod.POST, "/api/login", "{not json").statusCode()).isEqualTo(400);
    assertThat(anonymous.get("/api/tickets?phone=085711223344").statusCode()).isEqualTo(401);
    HttpSession ok = server.login("agent2");
    assertThat(ok.cookie()).startsWith("klip.session=");
    assertThat(ok.get("/api/me").bodyAsJsonObject().getString("role")).isEqualTo("agent");
  }

  @Test
  @DisplayName("GET /api/tickets?phone= finds the caller's tickets whatever way the number is written")
  void lookupByPhone() {
    for (String written : new String[] {"085711223344", "+62 857-1122-3344", "6285711223344", "0857 1122 3344"}) {
      HttpResponse<Buffer> r = agent1.get("/api/tickets?phone=" + java.net.URLEncoder.encode(written,
          java.nio.charset.StandardCharsets.UTF_8));
      assertThat(r.statusCode()).isEqualTo(200);
      JsonArray list = r.bodyAsJsonArray();
      assertThat(list).hasSize(1);
      JsonObject t = list.getJsonObject(0);
      assertThat(t.getLong("id")).isEqualTo(sitiTicket);
      assertThat(t.getString("callerNumber")).isEqualTo("+6285711223344");
      assertThat(t.getString("agent")).isEqualTo("agent1");
      assertThat(t.getString("status")).isEqualTo("received");
      assertThat(t.getString("callId")).isNotBlank();
      assertThat(t.getString("createdAt")).isNotBlank();
    }
    assertThat(agent1.get("/api/tickets?phone=12").statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName("A bad NPWP or NIK gets a clear 400 and changes nothing; a good one is attached")
  void attachTaxpayerNumber() {
    HttpResponse<Buffer> bad = agent1.post("/api/tickets/" + sitiTicket + "/taxpayer",
        new JsonObject().put("npwp", "12345678901234"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.bodyAsJsonObject().getString("error")).contains("NPWP").contains("15 atau 16");
    assertThat(agent1.post("/api/tickets/" + sitiTicket + "/taxpayer", new JsonObject().put("nik", "12ab"))
        .statusCode()).isEqualTo(400);
    assertThat(Sql.rows(server.server.pool(), "SELECT npwp, nik FROM tickets WHERE id = $1", sitiTicket).get(0)
        .getString("npwp")).isNull();

    HttpResponse<Buffer> good = agent1.post("/api/tickets/" + sitiTicket + "/taxpayer",
        new JsonObject().put("npwp", "01.234.567.8-901.000"));
    assertThat(good.statusCode()).isEqualTo(200);
    assertThat(Sql.rows(server.server.pool(), "SELECT npwp FROM tickets WHERE id = $1", sitiTicket).get(0)
        .getString("npwp")).isEqualTo("012345678901000");
  }

  @Test
  @DisplayName("The ticket form is saved to PostgreSQL; a stale version is refused with 409 and nothing is lost")
  void saveFormWithOptimisticVersion() {
    int version = agent1.get("/api/tickets/" + sitiTicket).bodyAsJsonObject().getInteger("version");
    HttpResponse<Buffer> saved = agent1.put("/api/tickets/" + sitiTicket, new JsonObject().put("version", version)
        .put("application", "e-Filing").put("question", "Lupa EFIN, bagaimana cara minta ulang?"));
    assertThat(saved.statusCode()).isEqualTo(200);
    HttpResponse<Buffer> stale = agent1.put("/api/tickets/" + sitiTicket, new JsonObject().put("version", version)
        .put("application", "e-SPT").put("question", "overwritten?"));
    assertThat(stale.statusCode()).isEqualTo(409);
    JsonObject row = Sql.rows(server.server.pool(), "SELECT application, question FROM tickets WHERE id = $1",
        sitiTicket).get(0);
    assertThat(row.getString("application")).isEqualTo("e-Filing");
    assertThat(row.getString("question")).isEqualTo("Lupa EFIN, bagaimana cara minta ulang?");
    assertThat(agent1.put("/api/tickets/" + sitiTicket, new JsonObject().put("version", version + 1)
        .put("application", "no-such-app")).statusCode()).isEqualTo(400);
  }

  @Test
  @DisplayName("The OpenAPI document lists every route of the access table, with the fixed points' schemas")
  void openApi() {
    JsonObject doc = HttpSession.anonymous(server.vertx, server.port()).get("/openapi.json").bodyAsJsonObject();
    JsonObject paths = doc.getJsonObject("paths");
    assertThat(paths.getJsonObject("/api/login").getJsonObject("post").getJsonObject("requestBody")).isNotNull();
    assertThat(paths.getJsonObject("/api/tickets").getJsonObject("get").getJsonArray("parameters")).isNotEmpty();
    long operations = paths.stream().mapToLong(p -> ((JsonObject) p.getValue()).size()).sum();
    assertThat(operations).isEqualTo(klip.access.AccessPolicy.table().size());
  }

  @Test
  @DisplayName("An agent cannot read another agent's ticket; bad ids are 400, unknown ones 404")
  void ownership() {
    HttpSession agent2 = server.login("agent2");
    assertThat(agent2.get("/api/tickets/" + sitiTicket).statusCode()).isEqualTo(403);
    assertThat(agent1.get("/api/tickets/abc").statusCode()).isEqualTo(400);
    assertThat(agent1.get("/api/tickets/999999").statusCode()).isEqualTo(404);
    assertThat(agent1.get("/api/no-such-route").statusCode()).isEqualTo(404);
  }

  @Test
  @DisplayName("Acknowledging a pop records the AMI-event-to-acknowledgement time, exported in /metrics")
  void acknowledgePop() {
    HttpSession agent2 = server.login("agent2");
    assertThat(agent2.post("/api/pops/" + sitiPop + "/ack", null).bodyAsJsonObject().getBoolean("acknowledged"))
        .isFalse();
    JsonObject ack = agent1.post("/api/pops/" + sitiPop + "/ack", null).bodyAsJsonObject();
    assertThat(ack.getBoolean("acknowledged")).isTrue();
    assertThat(ack.getInteger("latencyMs")).isNotNull().isGreaterThanOrEqualTo(0);
    String metrics = HttpSession.anonymous(server.vertx, server.port()).get("/metrics").bodyAsString();
    assertThat(metrics).contains("klip_pop_ack_latency_seconds_count 1");
    assertThat(metrics).contains("klip_tickets_opened_total 1");
  }
}
