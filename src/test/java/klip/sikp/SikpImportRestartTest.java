package klip.sikp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.db.Database;
import klip.support.HttpSession;
import klip.support.TestTickets;
import klip.support.TestPostgres;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Import jobs live in PostgreSQL: acknowledged once stored, each chunk's articles committed with the job's progress.
 * A server that stops in the middle of a job leaves it running: after the restart the client continues from the
 * job's {@code nextLine}, a chunk sent again is answered without being imported twice, and ids repeated across the
 * restart are still reported; a finished job still reads as finished.
 */
class SikpImportRestartTest {

  private static final List<String> LINES = List.of(
      "{\"id\": \"SIKP-RST-0001\", \"app\": \"e-Filing\", \"title\": \"Impor sebelum mulai ulang\", "
          + "\"answer\": \"Jawaban satu.\"}",
      "{\"id\": \"SIKP-RST-0002\", \"app\": \"e-SPT\", \"title\": \"Impor kedua\", \"answer\": \"Jawaban dua.\"}",
      "{\"id\": \"SIKP-RST-0003\", \"app\": \"e-SPT\", \"title\": \"Impor ketiga, setelah mulai ulang\", "
          + "\"answer\": \"Jawaban tiga.\"}");

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
  @DisplayName("After a restart an unfinished import job continues from its last acknowledged line: a repeated chunk "
      + "is not imported twice, a chunk from elsewhere is refused with the line expected, a repeated id is still "
      + "reported; a finished job reads as finished")
  void jobsResumeAfterARestart() {
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
    JsonArray firstChunk = new JsonArray(LINES.subList(0, 2));
    assertThat(admin.post("/api/sikp/imports/" + interrupted + "/chunks", new JsonObject().put("firstLine", 1)
        .put("lines", firstChunk)).statusCode()).isEqualTo(200);
    assertThat(admin.get("/api/sikp/imports/" + interrupted).bodyAsJsonObject().getString("state"))
        .isEqualTo("running");
    first.close();

    second = TestServer.start(new JsonObject(), database);
    HttpSession again = second.login("admin");
    JsonObject job = again.get("/api/sikp/imports/" + interrupted).bodyAsJsonObject();
    assertThat(job.getString("state")).isEqualTo("running");
    assertThat(job.getInteger("nextLine")).as("the line after the acknowledged chunk").isEqualTo(3);
    assertThat(job.getInteger("done")).isEqualTo(2);
    assertThat(job.getInteger("created")).as("the first line came with the finished job").isEqualTo(1);
    assertThat(job.getInteger("unchanged")).isEqualTo(1);

    var repeated = again.post("/api/sikp/imports/" + interrupted + "/chunks", new JsonObject().put("firstLine", 1)
        .put("lines", firstChunk));
    assertThat(repeated.statusCode()).as("its answer was lost: sent again").isEqualTo(200);
    assertThat(repeated.bodyAsJsonObject().getBoolean("repeated")).isTrue();
    assertThat(repeated.bodyAsJsonObject().getInteger("done")).isEqualTo(2);
    assertThat(repeated.bodyAsJsonObject().getInteger("unchanged")).as("not imported twice").isEqualTo(1);
    var skipping = again.post("/api/sikp/imports/" + interrupted + "/chunks", new JsonObject().put("firstLine", 4)
        .put("lines", new JsonArray(LINES.subList(2, 3))));
    assertThat(skipping.statusCode()).isEqualTo(409);
    assertThat(skipping.bodyAsJsonObject().getString("error")).contains("baris 3");

    var rest = again.post("/api/sikp/imports/" + interrupted + "/chunks", new JsonObject().put("firstLine", 3)
        .put("lines", new JsonArray().add(LINES.get(2)).add(LINES.get(0))));
    assertThat(rest.statusCode()).as(rest.bodyAsString()).isEqualTo(200);
    JsonObject progress = rest.bodyAsJsonObject();
    assertThat(progress.getInteger("done")).isEqualTo(4);
    assertThat(progress.getInteger("nextLine")).isEqualTo(5);
    assertThat(progress.getInteger("created")).isEqualTo(2);
    assertThat(progress.getJsonArray("errors")).as("an id first seen before the restart").hasSize(1);
    assertThat(progress.getJsonArray("errors").getJsonObject(0).getInteger("line")).isEqualTo(4);
    assertThat(progress.getJsonArray("errors").getJsonObject(0).getString("message")).contains("duplicate id");
    JsonObject end = again.post("/api/sikp/imports/" + interrupted + "/finish", new JsonObject()).bodyAsJsonObject();
    assertThat(end.getString("state")).isEqualTo("finished");
    assertThat(end.getBoolean("finished")).isTrue();
    assertThat(again.post("/api/sikp/imports/" + interrupted + "/chunks", new JsonObject().put("firstLine", 5)
        .put("lines", new JsonArray(LINES.subList(0, 1)))).statusCode()).as("a finished job takes no more lines")
        .isEqualTo(409);
    assertThat(TestTickets.scalar(second.server.pool(), "SELECT count(*) FROM sikp_articles WHERE id LIKE 'SIKP-RST-%'"))
        .isEqualTo(3L);
    assertThat(TestTickets.scalar(second.server.pool(), "SELECT count(*) FROM audit_log WHERE action = 'sikp.imported'"))
        .as("each finished import audited once").isEqualTo(2L);

    JsonObject done = again.get("/api/sikp/imports/" + finished).bodyAsJsonObject();
    assertThat(done.getString("state")).isEqualTo("finished");
    assertThat(done.getBoolean("finished")).isTrue();
    assertThat(done.getInteger("created")).isEqualTo(1);
    assertThat(second.login("editor1").get("/api/sikp/imports/" + interrupted).statusCode())
        .as("another editor's job").isEqualTo(404);
    assertThat(again.get("/api/sikp/imports/not-a-job").statusCode()).isEqualTo(404);
  }
}
