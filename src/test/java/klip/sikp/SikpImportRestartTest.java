package klip.sikp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.db.Database;
import klip.support.HttpSession;
import klip.support.TestPostgres;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Import jobs live in PostgreSQL: acknowledged once stored, their progress stored before each chunk is acknowledged.
 * A server that stops in the middle of a job leaves it to the next one, which reports it failed with the reason;
 * a finished job still reads as finished.
 */
class SikpImportRestartTest {

  private static final List<String> LINES = List.of(
      "{\"id\": \"SIKP-RST-0001\", \"app\": \"e-Filing\", \"title\": \"Impor sebelum mulai ulang\", "
          + "\"answer\": \"Jawaban satu.\"}",
      "{\"id\": \"SIKP-RST-0002\", \"app\": \"e-SPT\", \"title\": \"Impor kedua\", \"answer\": \"Jawaban dua.\"}");

  private TestServer first;
  private TestServer second;

  @AfterEach
  void stop() {
    first.close();
    if (second != null) {
      second.close();
    }
  }

  @Test
  @DisplayName("After a restart an unfinished import job reads as failed with its reason and refuses more chunks; "
      + "a finished one reads as finished")
  void jobsOutliveARestart() {
    Database database = TestPostgres.freshDatabase();
    first = TestServer.start(new JsonObject(), database);
    HttpSession admin = first.login("admin");
    String finished = admin.post("/api/sikp/imports", new JsonObject().put("totalLines", 1)).bodyAsJsonObject()
        .getString("id");
    assertThat(admin.post("/api/sikp/imports/" + finished + "/chunks", new JsonObject().put("firstLine", 1)
        .put("lines", new JsonArray(LINES.subList(0, 1)))).statusCode()).isEqualTo(200);
    assertThat(admin.post("/api/sikp/imports/" + finished + "/finish", new JsonObject()).statusCode()).isEqualTo(200);
    String interrupted = admin.post("/api/sikp/imports", new JsonObject().put("totalLines", 4)).bodyAsJsonObject()
        .getString("id");
    assertThat(admin.post("/api/sikp/imports/" + interrupted + "/chunks", new JsonObject().put("firstLine", 1)
        .put("lines", new JsonArray(LINES))).statusCode()).isEqualTo(200);
    assertThat(admin.get("/api/sikp/imports/" + interrupted).bodyAsJsonObject().getString("state"))
        .isEqualTo("running");
    first.close();

    second = TestServer.start(new JsonObject(), database);
    HttpSession again = second.login("admin");
    JsonObject job = again.get("/api/sikp/imports/" + interrupted).bodyAsJsonObject();
    assertThat(job.getString("state")).isEqualTo("failed");
    assertThat(job.getString("failure")).contains("dimulai ulang");
    assertThat(job.getInteger("done")).as("the progress acknowledged before the stop").isEqualTo(2);
    assertThat(job.getInteger("created")).as("the first line came with the finished job").isEqualTo(1);
    assertThat(job.getInteger("unchanged")).isEqualTo(1);
    var more = again.post("/api/sikp/imports/" + interrupted + "/chunks", new JsonObject().put("firstLine", 3)
        .put("lines", new JsonArray(LINES)));
    assertThat(more.statusCode()).isEqualTo(409);
    assertThat(more.bodyAsJsonObject().getString("error")).contains("dimulai ulang");
    JsonObject done = again.get("/api/sikp/imports/" + finished).bodyAsJsonObject();
    assertThat(done.getString("state")).isEqualTo("finished");
    assertThat(done.getBoolean("finished")).isTrue();
    assertThat(done.getInteger("created")).isEqualTo(1);
    assertThat(second.login("editor1").get("/api/sikp/imports/" + interrupted).statusCode())
        .as("another editor's job").isEqualTo(404);
    assertThat(again.get("/api/sikp/imports/not-a-job").statusCode()).isEqualTo(404);
  }
}
