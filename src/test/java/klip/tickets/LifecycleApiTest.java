package klip.tickets;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import klip.support.HttpSession;
import klip.support.TestServer;
import klip.support.TestTickets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LifecycleApiTest {

  /** How to reach each status from 'received' along the SOP. */
  private static final Map<TicketStatus, List<TicketStatus>> PATHS = Map.of(
      TicketStatus.RECEIVED, List.of(),
      TicketStatus.TL_DISCUSSION, List.of(TicketStatus.TL_DISCUSSION),
      TicketStatus.ANSWERED, List.of(TicketStatus.ANSWERED),
      TicketStatus.ESCALATED, List.of(TicketStatus.ESCALATED),
      TicketStatus.DIRECTORATE_ANSWERED, List.of(TicketStatus.ESCALATED, TicketStatus.DIRECTORATE_ANSWERED),
      TicketStatus.DELIVERED, List.of(TicketStatus.ESCALATED, TicketStatus.DIRECTORATE_ANSWERED,
          TicketStatus.DELIVERED),
      TicketStatus.CLOSED, List.of(TicketStatus.ANSWERED, TicketStatus.CLOSED));

  private static TestServer ts;
  private static HttpSession agent;
  private static HttpSession desk;

  @BeforeAll
  static void start() {
    ts = TestServer.start();
    agent = ts.login("agent1");
    desk = ts.login("eskalasi1");
  }

  @AfterAll
  static void stop() {
    ts.close();
  }

  @Test
  @DisplayName("Over HTTP, every legal move succeeds and every illegal one is a 409 with the reason and changes nothing")
  void everyTransitionOverHttp() {
    for (TicketStatus from : TicketStatus.values()) {
      for (TicketStatus to : TicketStatus.values()) {
        long id = TestTickets.connected(ts.server.pool(), "agent1");
        int version = 1;
        for (TicketStatus step : PATHS.get(from)) {
          assertThat(move(id, step, version++).statusCode()).as("path step " + step).isEqualTo(200);
        }
        HttpResponse<Buffer> r = move(id, to, version);
        if (TicketLifecycle.isLegal(from, to)) {
          assertThat(r.statusCode()).as(from + " -> " + to + ": " + r.bodyAsString()).isEqualTo(200);
          assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo(to.code());
          assertThat(r.bodyAsJsonObject().getInteger("version")).isEqualTo(version + 1);
        } else {
          assertThat(r.statusCode()).as(from + " -> " + to).isEqualTo(409);
          assertThat(r.bodyAsJsonObject().getString("error")).contains(from.code());
          JsonObject after = lifecycle(id);
          assertThat(after.getString("status")).isEqualTo(from.code());
          assertThat(after.getInteger("version")).isEqualTo(version);
          assertThat(after.getJsonArray("transitions").size()).isEqualTo(PATHS.get(from).size());
        }
      }
    }
  }

  @Test
  @DisplayName("The answer, its SIKP source and who moved the ticket when are kept in the timeline")
  void timelineKeepsWhoWhenWhat() throws Exception {
    long id = TestTickets.connected(ts.server.pool(), "agent1");
    io.vertx.core.Promise<JsonObject> answered = io.vertx.core.Promise.promise();
    var consumer = ts.vertx.eventBus().<JsonObject>consumer(klip.Addresses.TICKET_ANSWERED, m -> {
      if (m.body().getLong("ticketId") == id) {
        answered.tryComplete(m.body());
      }
    });
    consumer.completion().await(5, java.util.concurrent.TimeUnit.SECONDS);
    move(id, TicketStatus.ANSWERED);
    JsonObject fact = answered.future().await(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(fact.getString("source")).isEqualTo("sikp");
    assertThat(fact.getLong("articleId")).isEqualTo(12L);
    consumer.unregister();
    JsonObject view = lifecycle(id);
    assertThat(view.getString("answer")).isEqualTo("Gunakan menu Lapor di DJP Online.");
    assertThat(view.getString("answerSource")).isEqualTo("sikp");
    assertThat(view.getLong("answerArticleId")).isEqualTo(12L);
    assertThat(view.getInteger("answerArticleVersion")).isEqualTo(3);
    JsonArray transitions = view.getJsonArray("transitions");
    assertThat(transitions).hasSize(1);
    JsonObject t = transitions.getJsonObject(0);
    assertThat(t.getString("actor")).isEqualTo("agent1");
    assertThat(t.getString("from")).isEqualTo("received");
    assertThat(t.getString("to")).isEqualTo("answered");
    assertThat(t.getString("callStatus")).isEqualTo("connected");
    assertThat(t.getString("at")).isNotNull();
    assertThat(view.getJsonArray("next").getList()).containsExactly("closed");
  }

  @Test
  @DisplayName("A stale version is a 409 and the concurrent change is not overwritten")
  void optimisticVersioning() {
    long id = TestTickets.connected(ts.server.pool(), "agent1");
    int version = lifecycle(id).getInteger("version");
    assertThat(agent.put("/api/tickets/" + id, new JsonObject().put("version", version).put("question", "baru"))
        .statusCode()).isEqualTo(200);
    HttpResponse<Buffer> r = agent.post("/api/tickets/" + id + "/transitions",
        new JsonObject().put("to", "tl_discussion").put("version", version));
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(r.bodyAsJsonObject().getString("error")).contains("version " + version);
    assertThat(lifecycle(id).getString("status")).isEqualTo("received");
  }

  @Test
  @DisplayName("Bad input is a 400 with a clear message; another agent's ticket and the wrong role are 403s")
  void badInput() {
    long id = TestTickets.connected(ts.server.pool(), "agent1");
    String path = "/api/tickets/" + id + "/transitions";
    assertThat(agent.post(path, new JsonObject().put("to", "resolved").put("version", 1)).bodyAsString())
        .contains("tidak dikenal");
    assertThat(agent.post(path, new JsonObject().put("to", "answered")).statusCode()).isEqualTo(400);
    assertThat(agent.post(path, new JsonObject().put("to", "answered").put("version", 1).put("answer", "x"))
        .bodyAsString()).contains("sikp");
    assertThat(agent.post(path, new JsonObject().put("to", "answered").put("version", 1).put("answer", "x")
        .put("source", "sikp")).bodyAsString()).contains("articleId");
    assertThat(agent.post(path, new JsonObject().put("to", "tl_discussion").put("version", 1).put("answer", "x"))
        .statusCode()).isEqualTo(400);
    assertThat(ts.login("agent2").post(path, new JsonObject().put("to", "tl_discussion").put("version", 1))
        .statusCode()).isEqualTo(403);
    assertThat(desk.post(path, new JsonObject().put("to", "tl_discussion").put("version", 1)).statusCode())
        .isEqualTo(403);
    assertThat(ts.login("qa1").post(path, new JsonObject().put("to", "tl_discussion").put("version", 1))
        .statusCode()).isEqualTo(403);
    assertThat(agent.post("/api/tickets/999999/transitions", new JsonObject().put("to", "closed").put("version", 1))
        .statusCode()).isEqualTo(404);
    assertThat(lifecycle(id).getInteger("version")).isEqualTo(1);
  }

  private JsonObject lifecycle(long id) {
    HttpResponse<Buffer> r = agent.get("/api/tickets/" + id + "/lifecycle");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private HttpResponse<Buffer> move(long id, TicketStatus to) {
    return move(id, to, lifecycle(id).getInteger("version"));
  }

  private HttpResponse<Buffer> move(long id, TicketStatus to, int version) {
    JsonObject body = new JsonObject().put("to", to.code()).put("version", version);
    HttpSession who = agent;
    if (to == TicketStatus.ANSWERED) {
      body.put("answer", "Gunakan menu Lapor di DJP Online.").put("source", "sikp").put("articleId", 12)
          .put("articleVersion", 3);
    } else if (to == TicketStatus.DIRECTORATE_ANSWERED) {
      body.put("answer", "Sudah diperbaiki di server e-Filing.");
      who = desk;
    }
    return who.post("/api/tickets/" + id + "/transitions", body);
  }
}
