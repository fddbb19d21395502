package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import klip.http.ApiError;
import klip.support.Eventually;
import klip.support.HttpSession;
import klip.support.TestServer;
import klip.support.TestTickets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SIKP over HTTP: the demo corpus, suggestions, near-real-time publishing, the update loop, imports")
class SikpApiTest {

  private static TestServer ts;
  private static HttpSession agent;
  private static HttpSession editor;

  @BeforeAll
  static void start() {
    ts = TestServer.start();
    agent = ts.login("agent1");
    editor = ts.login("editor1");
  }

  @AfterAll
  static void stop() {
    ts.close();
  }

  private static JsonArray suggest(HttpSession who, String q, String app) {
    HttpResponse<Buffer> r = who.get("/api/sikp/suggest?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
        + (app == null ? "" : "&app=" + URLEncoder.encode(app, StandardCharsets.UTF_8)) + "&limit=5");
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonArray();
  }

  private static List<String> ids(JsonArray hits) {
    return hits.stream().map(h -> ((JsonObject) h).getString("id")).toList();
  }

  @Test
  @DisplayName("The demo starts with the shipped corpus, ids unchanged; suggestions carry number, version and <mark>")
  void demoCorpusAndSuggestions() {
    assertThat(TestTickets.scalar(ts.server.pool(), "SELECT count(*) FROM sikp_articles WHERE source_ticket_id IS NULL"))
        .isEqualTo(179L);
    JsonArray hits = suggest(agent, "lupa efin", "e-Filing");
    assertThat(hits).isNotEmpty();
    JsonObject top = hits.getJsonObject(0);
    assertThat(top.getString("id")).startsWith("SIKP-EFL-");
    assertThat(top.getString("app")).isEqualTo("e-Filing");
    assertThat(top.getLong("number")).isPositive();
    assertThat(top.getInteger("version")).isPositive();
    assertThat(top.getString("snippet")).contains("<mark>");
    assertThat(top.getBoolean("isNew")).isFalse();
    JsonObject detail = agent.get("/api/sikp/articles/" + top.getString("id")).bodyAsJsonObject();
    assertThat(detail.getString("answer")).isNotBlank();
    assertThat(agent.get("/api/sikp/articles/" + top.getLong("number")).bodyAsJsonObject().getString("id"))
        .isEqualTo(top.getString("id"));
  }

  @Test
  @DisplayName("The SIKP verticle answers on its bus addresses: suggestions, and an unknown article refused with 404")
  void busAddresses() throws Exception {
    SikpBusClient sikp = new SikpBusClient(ts.vertx.eventBus());
    JsonArray hits = sikp.suggest("lupa efin", "e-Filing", 3).await(20, TimeUnit.SECONDS);
    assertThat(hits).hasSizeBetween(1, 3);
    assertThat(hits.getJsonObject(0).getString("id")).startsWith("SIKP-EFL-");
    assertThatThrownBy(() -> sikp.changed("SIKP-XXX-9999").await(20, TimeUnit.SECONDS))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  @DisplayName("Any text is a valid query: syntax characters, empty, 10 kB, emoji, mixed scripts → 200 or 400, never 5xx")
  void robustness() {
    String[] queries = {"", " ", "\"", "(", "efin AND OR NOT", "*?~^", "a:b [c TO d] {e}", "\\", "/regex/",
        "😀 lupa efin 😀", "\uD83D", "لماذا efin", "пароль djp", "x".repeat(10_000), "efin ".repeat(2000),
        "%00", "<script>alert(1)</script>", "'; DROP TABLE sikp_articles; --"};
    for (String q : queries) {
      HttpResponse<Buffer> r = agent.get("/api/sikp/suggest?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as("q=%s", q.length() > 40 ? q.substring(0, 40) : q).isIn(200, 400);
      assertThat(r.getHeader("Content-Type")).contains("json");
    }
    assertThat(agent.get("/api/sikp/suggest?q=efin&limit=abc").statusCode()).isEqualTo(400);
    assertThat(agent.get("/api/sikp/suggest?q=efin&app=" + "x".repeat(100)).statusCode()).isEqualTo(400);
    assertThat(agent.get("/api/sikp/articles/..%2F..").statusCode()).isIn(400, 404);
    assertThat(agent.get("/api/sikp/articles/SIKP-NOPE-9999").statusCode()).isEqualTo(404);
    String suggestion = suggest(agent, "<b>efin</b>", null).getJsonObject(0).getString("snippet");
    assertThat(suggestion.replace("<mark>", "").replace("</mark>", "")).doesNotContain("<");
  }

  @Test
  @DisplayName("A discussion answer becomes a draft linked to its ticket; published, it is suggested as soon as the publication returns")
  void updateLoopAndNearRealTime() {
    String question = "Bagaimana cara mengganti nomor ponsel zamrudwaspada di akun pajak?";
    String id = draftFromDiscussion(question, "Ubah nomor ponsel zamrudwaspada melalui menu Profil.").getString("id");
    assertThat(id).startsWith("SIKP-UMM-");
    assertThat(ids(suggest(agent, "zamrudwaspada", null))).doesNotContain(id);
    assertThat(agent.get("/api/sikp/articles/" + id).statusCode()).isEqualTo(404);
    assertThat(agent.post("/api/sikp/articles/" + id + "/publish", new JsonObject()).statusCode()).isEqualTo(403);

    JsonObject edited = editor.put("/api/sikp/articles/" + id, new JsonObject().put("version", 1).put("app", "e-Filing")
        .put("title", "Mengganti nomor ponsel zamrudwaspada").put("question", question)
        .put("answer", "Ubah nomor ponsel zamrudwaspada melalui menu Profil di DJP Online.")
        .put("keywords", new JsonArray().add("ponsel"))).bodyAsJsonObject();
    assertThat(edited.getInteger("version")).isEqualTo(2);
    // A publication is searchable when its HTTP call returns (the index reopen is awaited before the answer).
    assertThat(editor.post("/api/sikp/articles/" + id + "/publish", new JsonObject()).statusCode()).isEqualTo(200);
    JsonObject hit = suggest(agent, "zamrudwaspada", "e-Filing").stream().map(JsonObject.class::cast)
        .filter(h -> id.equals(h.getString("id"))).findFirst().orElseThrow();
    assertThat(hit.getBoolean("isNew")).isTrue();
    assertThat(hit.getInteger("version")).isEqualTo(2);

    JsonObject diff = agent.get("/api/sikp/articles/" + id + "/diff?from=1&to=2").bodyAsJsonObject();
    JsonArray answerOps = diff.getJsonArray("fields").stream().map(JsonObject.class::cast)
        .filter(f -> f.getString("field").equals("answer")).findFirst().orElseThrow().getJsonArray("ops");
    assertThat(answerOps.stream().map(JsonObject.class::cast).filter(o -> o.getString("op").equals("+"))
        .map(o -> o.getString("text")).toList().toString()).contains("DJP Online");
    assertThat(TestTickets.scalar(ts.server.pool(),
        "SELECT count(*) FROM audit_log WHERE action = 'sikp.published' AND target = $1", "sikp:" + id))
        .isEqualTo(1L);

    assertThat(editor.post("/api/sikp/articles/" + id + "/retire", new JsonObject()).statusCode()).isEqualTo(200);
    assertThat(ids(suggest(agent, "zamrudwaspada", null))).doesNotContain(id);

    JsonArray gaps = editor.get("/api/sikp/gaps").bodyAsJsonArray();
    assertThat(gaps.stream().map(g -> ((JsonObject) g).getString("term")).toList()).contains("zamrudwaspada");
  }

  @Test
  @DisplayName("Tickets answered from an article teach the index their questions: a new phrasing then finds it first")
  void learnsFromTicketsAnsweredFromAnArticle() {
    String need = "SIKP-UMM-0010"; // a caller asking on someone else's behalf
    String newPhrasing = "boleh tanya data pajak punya tetangga";
    assertThat(ids(suggest(agent, newPhrasing, null))).first().isNotEqualTo(need);
    JsonObject article = agent.get("/api/sikp/articles/" + need).bodyAsJsonObject();
    for (String question : List.of("tetangga saya sudah sepuh, mau tanya npwp beliau",
        "saya mewakili tetangga, mau cek spt", "tetangga gak bisa telepon sendiri, saya yang tanya",
        "urus efin tetangga boleh diwakili?")) {
      long ticket = TestTickets.connected(ts.server.pool(), "agent1", java.time.OffsetDateTime.now(), question);
      HttpResponse<Buffer> r = agent.post("/api/tickets/" + ticket + "/transitions", new JsonObject()
          .put("to", "answered").put("version", 1).put("source", "sikp").put("answer", "dari SIKP")
          .put("articleId", article.getLong("number")).put("articleVersion", article.getInteger("version")));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    }
    // Each answer re-indexes the article once its question is committed; wait for the last of them.
    Eventually.until("the article learned its callers' word", 10_000,
        () -> ids(suggest(agent, newPhrasing, null)), hits -> !hits.isEmpty() && hits.get(0).equals(need));
    assertThat(TestTickets.scalar(ts.server.pool(),
        "SELECT count(*) FROM sikp_answered_questions WHERE article_id = $1", need)).isEqualTo(4L);
  }

  /** A ticket answered through a team-leader discussion; returns the draft it made in the review queue. */
  private static JsonObject draftFromDiscussion(String question, String answer) {
    long ticket = TestTickets.connected(ts.server.pool(), "agent1", java.time.OffsetDateTime.now(), question);
    String path = "/api/tickets/" + ticket + "/transitions";
    assertThat(agent.post(path, new JsonObject().put("to", "tl_discussion").put("version", 1)).statusCode())
        .isEqualTo(200);
    int version = agent.get("/api/tickets/" + ticket + "/lifecycle").bodyAsJsonObject().getInteger("version");
    HttpResponse<Buffer> answered = agent.post(path, new JsonObject().put("to", "answered").put("version", version)
        .put("source", "discussion").put("answer", answer));
    assertThat(answered.statusCode()).as(answered.bodyAsString()).isEqualTo(200);
    // Polled: drafting from an answer announces nothing on the bus.
    return Eventually.until("the draft in the review queue", 30_000,
        () -> editor.get("/api/sikp/articles?status=draft").bodyAsJsonArray().stream().map(JsonObject.class::cast)
            .filter(a -> Long.valueOf(ticket).equals(a.getLong("sourceTicketId"))).findFirst().orElse(null),
        a -> true);
  }

  @Test
  @DisplayName("A draft merged into a published article becomes its next version; the draft is retired")
  void mergeDraft() {
    String question = "Kalau EFIN lupa tapi email juga sudah tidak aktif bagaimana?";
    JsonObject draft = draftFromDiscussion(question, "Minta EFIN lewat KPP terdekat dengan membawa KTP.");
    int before = editor.get("/api/sikp/articles/SIKP-EFL-0001").bodyAsJsonObject().getInteger("version");
    HttpResponse<Buffer> r = editor.post("/api/sikp/articles/" + draft.getString("id") + "/merge",
        new JsonObject().put("into", "SIKP-EFL-0001"));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject target = r.bodyAsJsonObject();
    assertThat(target.getInteger("version")).isEqualTo(before + 1);
    assertThat(target.getJsonArray("variants").getList()).contains(question);
    assertThat(target.getString("answer")).contains("membawa KTP");
    JsonObject merged = editor.get("/api/sikp/articles/" + draft.getString("id")).bodyAsJsonObject();
    assertThat(merged.getString("status")).isEqualTo("retired");
    assertThat(merged.getString("mergedInto")).isEqualTo("SIKP-EFL-0001");
    assertThat(editor.post("/api/sikp/articles/" + draft.getString("id") + "/publish", new JsonObject())
        .statusCode()).isEqualTo(409);
  }

  @Test
  @DisplayName("Answered from SIKP: the article number and version are recorded on the ticket")
  void answerFromArticle() {
    long ticket = TestTickets.connected(ts.server.pool(), "agent1");
    JsonObject top = suggest(agent, "cara lapor spt", null).getJsonObject(0);
    HttpResponse<Buffer> r = agent.post("/api/tickets/" + ticket + "/transitions", new JsonObject()
        .put("to", "answered").put("version", 1).put("source", "sikp").put("answer", "dari SIKP")
        .put("articleId", top.getLong("number")).put("articleVersion", top.getInteger("version")));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getLong("answerArticleId")).isEqualTo(top.getLong("number"));
  }
}
