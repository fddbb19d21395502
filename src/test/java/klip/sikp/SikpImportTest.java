package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import klip.support.BridgeClient;
import klip.support.HttpSession;
import klip.support.TestServer;
import klip.support.TestTickets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SIKP import: bad lines reported by number, good lines kept, the same file twice adds nothing")
class SikpImportTest {

  private static TestServer ts;
  private static HttpSession admin;

  @BeforeAll
  static void start() {
    ts = TestServer.start();
    admin = ts.login("admin");
  }

  @AfterAll
  static void stop() {
    ts.close();
  }

  private static final List<String> FILE = List.of(
      "{\"id\": \"SIKP-TST-0001\", \"app\": \"e-Filing\", \"title\": \"Impor uji pertama\", "
          + "\"question\": \"Bagaimana impor uji kuarsakembang?\", \"answer\": \"Jawaban uji kuarsakembang.\"}",
      "{ this is not json",
      "",
      "{\"id\": \"SIKP-TST-0002\", \"app\": \"Umum\", \"title\": \"\", \"answer\": \"tanpa judul\"}",
      "{\"id\": \"SIKP-TST-0003\", \"app\": \"e-SPT\", \"title\": \"Impor uji ketiga\", \"answer\": \"Jawaban tiga.\"}",
      "{\"id\": \"SIKP-TST-0001\", \"app\": \"e-Filing\", \"title\": \"Duplikat\", \"answer\": \"x\"}");

  private static JsonObject importInChunks(HttpSession who, List<String> lines, int chunk) {
    JsonObject job = who.post("/api/sikp/imports", new JsonObject().put("totalLines", lines.size())).bodyAsJsonObject();
    String id = job.getString("id");
    for (int first = 0; first < lines.size(); first += chunk) {
      List<String> part = lines.subList(first, Math.min(lines.size(), first + chunk));
      assertThat(who.post("/api/sikp/imports/" + id + "/chunks", new JsonObject().put("firstLine", first + 1)
          .put("lines", new JsonArray(part))).statusCode()).isEqualTo(200);
    }
    return who.post("/api/sikp/imports/" + id + "/finish", new JsonObject()).bodyAsJsonObject();
  }

  @Test
  @DisplayName("Over the API, in chunks, with pushed progress; then searchable; a re-import changes nothing")
  void importOverApi() throws Exception {
    BridgeClient bridge = BridgeClient.connect(ts.vertx, admin);
    bridge.register(klip.Addresses.sikpImport("admin"));
    JsonObject result = importInChunks(admin, FILE, 2);
    assertThat(result.getInteger("created")).isEqualTo(2);
    assertThat(result.getInteger("done")).isEqualTo(FILE.size());
    assertThat(result.getBoolean("finished")).isTrue();
    assertThat(result.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getInteger("line")).toList())
        .containsExactly(2, 4, 6);
    JsonObject pushed;
    do {
      pushed = bridge.next(5, TimeUnit.SECONDS);
      assertThat(pushed).as("pushed progress").isNotNull();
    } while (!pushed.getBoolean("finished", false));
    assertThat(pushed.getInteger("created")).isEqualTo(2);
    assertThat(pushed.getInteger("total")).isEqualTo(FILE.size());

    JsonArray hits = admin.get("/api/sikp/suggest?q=kuarsakembang").bodyAsJsonArray();
    assertThat(hits.getJsonObject(0).getString("id")).isEqualTo("SIKP-TST-0001");

    JsonObject again = importInChunks(admin, FILE, 100);
    assertThat(again.getInteger("created")).isZero();
    assertThat(again.getInteger("updated")).isZero();
    assertThat(again.getInteger("unchanged")).isEqualTo(2);
    assertThat(TestTickets.scalar(ts.server.pool(),
        "SELECT count(*) FROM sikp_article_versions WHERE article_id LIKE 'SIKP-TST-%'")).isEqualTo(2L);

    List<String> changed = List.of(FILE.get(0).replace("Jawaban uji", "Jawaban baru uji"));
    assertThat(importInChunks(admin, changed, 10).getInteger("updated")).isEqualTo(1);
    assertThat(admin.get("/api/sikp/articles/SIKP-TST-0001").bodyAsJsonObject().getInteger("version")).isEqualTo(2);
    assertThat(ts.login("agent1").post("/api/sikp/imports", new JsonObject().put("totalLines", 1)).statusCode())
        .isEqualTo(403);
  }

  @Test
  @DisplayName("The sikp-import command: progress line, bad lines by number, exit status 2, idempotent")
  void importCommand() throws Exception {
    Path file = Files.createTempFile("articles", ".jsonl");
    Files.write(file, FILE.stream().map(l -> l.replace("SIKP-TST", "SIKP-CLI").replace("kuarsakembang", "lembayung"))
        .toList(), StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = SikpImportCommand.importFile(ts.server.pool(), file,
        new PrintStream(out, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(status).isEqualTo(2);
    assertThat(text).contains("6/6 baris").contains("baru 2").contains("baris 2:").contains("baris 4:")
        .contains("baris 6:");
    // Written past the running server, as by the command in another process: the commit's
    // notification makes the server re-sync, well before its 30-second check.
    HttpSession agent = ts.login("agent1");
    // Polled: the command commits in another process's way (its own pool); the server learns of it by
    // PostgreSQL NOTIFY and re-syncs its index, announcing nothing a test could await.
    klip.support.Eventually.until("the imported article suggested", 30_000,
        () -> agent.get("/api/sikp/suggest?q=lembayung&limit=5").bodyAsJsonArray(), hits -> !hits.isEmpty());
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    SikpImportCommand.importFile(ts.server.pool(), file,
        new PrintStream(second, true, StandardCharsets.UTF_8));
    assertThat(second.toString(StandardCharsets.UTF_8)).contains("baru 0").contains("sama 2");
  }
}
