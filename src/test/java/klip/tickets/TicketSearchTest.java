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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/tickets/search over real PostgreSQL: each criterion, WIB days, the role scope and the refusals. */
class TicketSearchTest {

  private static TestServer server;
  private static long own;
  private static long ownLate;
  private static long teammate;
  private static long otherTeam;

  @BeforeAll
  static void start() {
    JsonArray roster = new JsonArray()
        .add(user("agent1", "agent", "Local/agent1@agents/n", "tim-a"))
        .add(user("agent3", "agent", "Local/agent3@agents/n", "tim-a"))
        .add(user("agent2", "agent", "Local/agent2@agents/n", "tim-b"))
        .add(user("tl1", "team_leader", "PJSIP/2001", "tim-a"))
        .add(user("qa1", "quality_assessor", null, "qa"));
    server = TestServer.start(new JsonObject().put("KLIP_ROSTER", roster));
    var pool = server.server.pool();
    // 2026-03-02 09:00 WIB, and 00:30 WIB on 3 March (still 2 March in UTC).
    own = TestTickets.connected(pool, "agent1", OffsetDateTime.parse("2026-03-02T02:00:00Z"),
        "Kode verifikasi e-Filing 100% tidak masuk");
    ownLate = TestTickets.connected(pool, "agent1", OffsetDateTime.parse("2026-03-02T17:30:00Z"),
        "Cara membuat EFIN baru");
    teammate = TestTickets.connected(pool, "agent3", OffsetDateTime.parse("2026-03-02T03:00:00Z"),
        "Kode verifikasi e-Filing kedaluwarsa");
    otherTeam = TestTickets.connected(pool, "agent2", OffsetDateTime.parse("2026-03-02T04:00:00Z"),
        "Kode verifikasi e-Filing tidak masuk juga");
    TestTickets.scalar(pool, "UPDATE tickets SET caller_name = 'Siti Aminah', caller_number = '0215250208', "
        + "caller_phone = '0215250208', npwp = '012345678901234', notes = 'minta telepon balik' WHERE id = $1", own);
  }

  private static JsonObject user(String name, String role, String phone, String team) {
    return new JsonObject().put("username", name).put("displayName", name).put("role", role)
        .put("interface", phone).put("team", team).put("password", "klip-" + name);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<Long> ids(HttpSession who, String query) {
    HttpResponse<Buffer> r = who.get("/api/tickets/search?" + query);
    assertThat(r.statusCode()).as(query + ": " + r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonArray().stream().map(o -> ((JsonObject) o).getLong("id")).toList();
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("An agent finds their own tickets by number, caller number in any form, NPWP with dots, caller name, "
      + "words (a % taken literally) and WIB days; never a teammate's or another team's")
  void agentFindsOwnTickets() {
    HttpSession agent1 = server.login("agent1");
    assertThat(ids(agent1, "ticket=%23" + own)).containsExactly(own);
    assertThat(ids(agent1, "ticket=" + teammate)).isEmpty();
    assertThat(ids(agent1, "phone=" + q("+62 21-525-0208"))).containsExactly(own);
    assertThat(ids(agent1, "taxId=" + q("01.234.567.8-901.234"))).containsExactly(own);
    assertThat(ids(agent1, "name=aminah")).containsExactly(own);
    assertThat(ids(agent1, "text=" + q("KODE verifikasi"))).containsExactly(own);
    assertThat(ids(agent1, "text=" + q("100%"))).containsExactly(own);
    assertThat(ids(agent1, "text=" + q("0%"))).containsExactly(own);
    assertThat(ids(agent1, "text=" + q("telepon balik"))).containsExactly(own);
    assertThat(ids(agent1, "from=2026-03-02&to=2026-03-02")).containsExactly(own);
    assertThat(ids(agent1, "from=2026-03-03&to=2026-03-03")).containsExactly(ownLate);
    assertThat(ids(agent1, "from=2026-03-01&to=2026-03-03")).containsExactly(ownLate, own);
  }

  @Test
  @DisplayName("A team leader finds the tickets of their team's agents, not another team's")
  void leaderFindsTeamTickets() {
    HttpSession tl1 = server.login("tl1");
    assertThat(ids(tl1, "text=" + q("kode verifikasi"))).containsExactlyInAnyOrder(own, teammate);
    assertThat(ids(tl1, "ticket=" + otherTeam)).isEmpty();
    assertThat(server.login("agent2").get("/api/tickets/search?text=kode").bodyAsJsonArray().stream()
        .map(o -> ((JsonObject) o).getLong("id")).toList()).containsExactly(otherTeam);
  }

  @Test
  @DisplayName("Bad input is a 400 with the reason in Indonesian; a role without search is refused")
  void refusals() {
    HttpSession agent1 = server.login("agent1");
    String[][] cases = {
        {"", "minimal satu kriteria"},
        {"ticket=abc", "Nomor tiket harus berupa angka"},
        {"phone=12", "Nomor telepon tidak valid"},
        {"taxId=12345", "NPWP/NIK tidak valid"},
        {"text=a", "minimal 2 huruf"},
        {"from=2026-13-01", "TTTT-BB-HH"},
        {"from=2026-03-05&to=2026-03-01", "Rentang tanggal tidak valid"},
        {"from=2024-01-01&to=2026-03-01", "Rentang tanggal tidak valid"},
    };
    for (String[] c : cases) {
      HttpResponse<Buffer> r = agent1.get("/api/tickets/search?" + c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("error")).as(c[0]).contains(c[1]);
    }
    assertThat(server.login("qa1").get("/api/tickets/search?text=kode").statusCode()).isEqualTo(403);
  }
}
