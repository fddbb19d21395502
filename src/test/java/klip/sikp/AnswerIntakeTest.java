package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import klip.db.Database;
import klip.support.Eventually;
import klip.support.HttpSession;
import klip.support.TestPostgres;
import klip.support.TestServer;
import klip.support.TestTickets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SOP step 4 survives a crash: a discussion answer is kept with the ticket until its draft exists. */
class AnswerIntakeTest {
  private static final String PENDING =
      "SELECT count(*) FROM sikp_unanswered WHERE ticket_id = $1 AND drafted_at IS NULL";
  private static final String DRAFTS = "SELECT count(*) FROM sikp_articles WHERE source_ticket_id = $1";

  @Test
  @DisplayName("The answer is recorded in the ticket's transaction; a draft lost to a crash is made at the next start, once")
  void discussionAnswerDurable() {
    Database database = TestPostgres.freshDatabase();
    long answered;
    long lost;
    try (TestServer first = TestServer.start(new JsonObject(), database)) {
      HttpSession agent = first.login("agent1");
      answered = TestTickets.connected(first.server.pool(), "agent1", OffsetDateTime.now(),
          "Bagaimana mengganti nomor ponsel untuk OTP?");
      String path = "/api/tickets/" + answered + "/transitions";
      assertThat(agent.post(path, new JsonObject().put("to", "tl_discussion").put("version", 1)).statusCode())
          .isEqualTo(200);
      var r = agent.post(path, new JsonObject().put("to", "answered").put("version", 2)
          .put("source", "discussion").put("answer", "Ubah nomor ponsel melalui menu Profil DJP Online."));
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
      // Committed with the answer: present as soon as the transition has returned.
      assertThat(TestTickets.scalar(first.server.pool(),
          "SELECT answer FROM sikp_unanswered WHERE ticket_id = $1", answered))
          .isEqualTo("Ubah nomor ponsel melalui menu Profil DJP Online.");
      // Drafting announces nothing on the bus, so its last write is polled for: the answer marked drafted,
      // which happens after the draft's own commit (the draft appears first, then the mark).
      Eventually.until("the answer of ticket " + answered + " drafted", 30_000,
          () -> TestTickets.scalar(first.server.pool(), PENDING, answered), Long.valueOf(0)::equals);
      assertThat(TestTickets.scalar(first.server.pool(), DRAFTS, answered)).isEqualTo(1L);

      // As if the process died after the ticket's commit, before the SIKP side made the draft.
      lost = TestTickets.connected(first.server.pool(), "agent1", OffsetDateTime.now(),
          "Apakah bukti potong bisa diunduh ulang?");
      TestTickets.scalar(first.server.pool(), """
          INSERT INTO sikp_unanswered (ticket_id, question, application, source, at, answer, actor)
          VALUES ($1, 'Apakah bukti potong bisa diunduh ulang?', 'e-Filing', 'discussion', now(),
                  'Bisa, dari menu Arsip di DJP Online.', 'tl1') RETURNING ticket_id""", lost);
    }
    try (TestServer second = TestServer.start(new JsonObject(), database)) {
      Eventually.until("the lost answer drafted at start", 30_000,
          () -> TestTickets.scalar(second.server.pool(), PENDING, lost), Long.valueOf(0)::equals);
      assertThat(TestTickets.scalar(second.server.pool(), DRAFTS, lost)).isEqualTo(1L);
      assertThat(TestTickets.scalar(second.server.pool(), DRAFTS, answered)).isEqualTo(1L);
      JsonObject draft = second.login("editor1").get("/api/sikp/articles?status=draft").bodyAsJsonArray()
          .stream().map(JsonObject.class::cast).filter(a -> Long.valueOf(lost).equals(a.getLong("sourceTicketId")))
          .findFirst().orElseThrow();
      assertThat(draft.getString("title")).isEqualTo("Apakah bukti potong bisa diunduh ulang?");
    }
  }
}
