package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import klip.support.Eventually;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Changes committed elsewhere (another node, the import command) reach the index through PostgreSQL's change
 * notifications, which name the article and the state it reached: the server skips only the states its index
 * already holds, so a change committed elsewhere while it applies its own edit is not absorbed by that edit.
 */
@DisplayName("SIKP index and changes committed elsewhere")
class OutsideChangeTest {

  private static TestServer ts;
  private static HttpSession agent;

  @BeforeAll
  static void start() {
    ts = TestServer.start(new JsonObject(), false);
    agent = ts.login("agent1");
  }

  @AfterAll
  static void stop() {
    ts.close();
  }

  @Test
  @DisplayName("An article edited elsewhere while the server applies its own edit of another becomes searchable; "
      + "the own edit is searchable when its change returns")
  void anEditElsewhereDuringAnOwnEditIsApplied() throws Exception {
    // Another node's view of the same database: its commits do not pass through this server's SIKP verticle.
    ArticleStore elsewhere = new ArticleStore(ts.server.pool());
    SikpService sikp = new SikpBusClient(ts.vertx.eventBus());
    SikpArticle own = await(elsewhere.article("SIKP-EFL-0002"));
    SikpArticle other = await(elsewhere.article("SIKP-ESP-0002"));

    // This server's edit commits; before the server has applied it to its index, the other edit commits.
    await(elsewhere.edit(own.id(), withWord(own, "zirkonsendiri"), null, "editor1", "uji",
        ArticleStore.AlsoInTransaction.NOTHING));
    await(elsewhere.edit(other.id(), withWord(other, "zirkonlain"), null, "import", "uji",
        ArticleStore.AlsoInTransaction.NOTHING));
    await(sikp.changed(own.id()));

    assertThat(ids("zirkonsendiri")).contains(own.id());
    assertThat(Eventually.until("the edit made elsewhere to be searchable", 60_000, () -> ids("zirkonlain"),
        found -> found.contains(other.id()))).contains(other.id());
  }

  private static SikpArticle withWord(SikpArticle a, String word) {
    return new SikpArticle(a.id(), a.app(), a.title(), a.question(), a.variants(), a.answer() + " " + word,
        a.keywords(), 1, a.status());
  }

  private static List<String> ids(String q) {
    JsonArray hits = agent.get("/api/sikp/suggest?limit=5&q=" + q).bodyAsJsonArray();
    return hits.stream().map(h -> ((JsonObject) h).getString("id")).toList();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(60, TimeUnit.SECONDS);
  }
}
