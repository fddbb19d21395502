package klip.tickets;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.pbx.RingHandle;
import klip.support.Browser;
import klip.support.Browsers;
import klip.support.Eventually;
import klip.support.HttpSession;
import klip.support.Sql;
import klip.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing the agent types is lost, in real headless Chromium: reloads, a second call, workflow steps, the pop. */
class DeskWorkBrowserTest {

  private static final String AGENT1 = "Local/agent1@agents/n";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  static final Browsers browsers = Browsers.withServer();

  private static TestServer server;
  private static Browser browser;
  private static HttpSession agent;
  private final List<RingHandle> calls = new java.util.ArrayList<>();

  @BeforeAll
  static void start() {
    server = browsers.server();
    browser = browsers.browser();
    agent = HttpSession.login(server.vertx, server.port(), "agent1", "klip-agent1");
  }

  /** Calls a journey left up end with it, whatever its outcome. */
  @org.junit.jupiter.api.AfterEach
  void hangUp() throws Exception {
    // The desk leaves first: its end-of-call save would otherwise race the next journey's clean-up.
    browser.driver.get("about:blank");
    for (RingHandle call : calls) {
      call.hangup().await(5, TimeUnit.SECONDS);
    }
  }

  /** Each journey starts from an empty desk: the agent answers whatever an earlier one left in their hands. */
  @BeforeEach
  void emptyDesk() {
    for (Object o : agent.get("/api/desk/state").bodyAsJsonObject().getJsonArray("open")) {
      JsonObject ticket = ((JsonObject) o).getJsonObject("ticket");
      assertThat(agent.post("/api/tickets/" + ticket.getLong("id") + "/transitions", new JsonObject()
          .put("to", "answered").put("version", ticket.getInteger("version")).put("answer", "Dijawab langsung.")
          .put("source", "discussion")).statusCode()).as("the agent answers ticket " + ticket.getLong("id")).isEqualTo(200);
    }
    browser.open(server.port(), "/");
    browser.driver.manage().deleteAllCookies();
    browser.loginConnected(server.port(), "agent1");
  }

  @Test
  @DisplayName("Typed into a live call's ticket, the page reloaded (F5): the call, the ticket and every word are back")
  void reloadMidCall() throws Exception {
    RingHandle ring = ringAndAnswer("081311110002", "Dewi Lestari");
    long ticketId = shownTicket();
    new Select(browser.driver.findElement(By.id("application"))).selectByValue("e-Filing");
    browser.driver.findElement(By.id("question")).sendKeys("Bagaimana cara membuat kode billing PPh pasal 21?");
    browser.driver.findElement(By.id("notes")).sendKeys("Penelepon sudah mencoba dua kali");
    // The draft reaches the server as the agent types (no Simpan pressed).
    draftOf(ticketId, d -> d.getString("notes", "").equals("Penelepon sudah mencoba dua kali"));

    browser.driver.navigate().refresh();
    browser.waitForText(By.id("bus-state"), "Terhubung", WAIT);
    browser.waitForText(By.id("pop-caller-number"), "081311110002", WAIT);
    assertThat(shownTicket()).isEqualTo(ticketId);
    assertThat(browser.driver.findElement(By.id("question")).getAttribute("value"))
        .isEqualTo("Bagaimana cara membuat kode billing PPh pasal 21?");
    assertThat(browser.driver.findElement(By.id("notes")).getAttribute("value")).isEqualTo("Penelepon sudah mencoba dua kali");
    assertThat(new Select(browser.driver.findElement(By.id("application"))).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo("e-Filing");
    assertThat(browser.driver.findElement(By.id("call-status")).getText()).contains("Tersambung");
    assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("question");
  }

  @Test
  @DisplayName("While a ticket is unfinished the next call waits as a second pop; the first ticket stays as typed and "
      + "reachable, and its text is stored at the end of its call")
  void nextCallWaits() throws Exception {
    RingHandle first = ringAndAnswer("081311110001", "Agus Wibowo");
    long firstTicket = shownTicket();
    browser.driver.findElement(By.id("question")).sendKeys("Lupa EFIN, bagaimana memintanya lagi?");
    end(first);
    browser.waitForText(By.id("call-status"), "Selesai", WAIT);
    Eventually.until("the question stored on the first ticket at the end of its call", 10_000,
        () -> ticketRow(firstTicket), r -> "Lupa EFIN, bagaimana memintanya lagi?".equals(r.getString("question")));

    RingHandle second = server.pbx().ring("0274123456", "Rudi Hartono", "eapp", AGENT1, "Agent One")
        .await(5, TimeUnit.SECONDS);
    calls.add(second);
    long secondTicket = Eventually.until("the second call's ticket", 10_000,
        () -> Sql.rows(server.server.pool(), "SELECT id FROM tickets WHERE call_id = $1", second.linkedid()),
        rows -> !rows.isEmpty()).get(0).getLong("id");
    browser.waitFor(By.id("work-" + secondTicket), WAIT);
    assertThat(shownTicket()).as("the first ticket stays on screen").isEqualTo(firstTicket);
    assertThat(browser.driver.findElement(By.id("question")).getAttribute("value"))
        .isEqualTo("Lupa EFIN, bagaimana memintanya lagi?");

    browser.driver.findElement(By.id("work-" + secondTicket)).click();
    browser.waitForText(By.id("pop-caller-number"), "0274123456", WAIT);
    browser.driver.findElement(By.id("question")).sendKeys("Cara mengisi SPT Masa PPN");
    browser.waitFor(By.id("work-" + firstTicket), WAIT).click();
    browser.waitForText(By.id("pop-caller-number"), "081311110001", WAIT);
    assertThat(browser.driver.findElement(By.id("question")).getAttribute("value"))
        .isEqualTo("Lupa EFIN, bagaimana memintanya lagi?");

    // And from the list of today's tickets.
    browser.waitFor(By.id("open-ticket-" + secondTicket), WAIT).click();
    browser.waitForText(By.id("pop-caller-number"), "0274123456", WAIT);
    assertThat(browser.driver.findElement(By.id("question")).getAttribute("value")).isEqualTo("Cara mengisi SPT Masa PPN");
    end(second);
    Eventually.until("the second ticket's question stored at the end of its call", 10_000,
        () -> ticketRow(secondTicket), r -> "Cara mengisi SPT Masa PPN".equals(r.getString("question")));
  }

  @Test
  @DisplayName("Asking the team leader without pressing Simpan stores the question and the application on the ticket")
  void askWithoutSaving() throws Exception {
    ringAndAnswer("081233344455", "Nur Aini");
    long ticketId = shownTicket();
    new Select(browser.driver.findElement(By.id("application"))).selectByValue("e-Filing");
    browser.driver.findElement(By.id("question")).sendKeys("SPT pembetulan ditolak sistem, apa sebabnya?");
    browser.waitFor(By.id("wf-ask-question"), WAIT).sendKeys("Mohon arahan: SPT pembetulan ditolak");
    browser.driver.findElement(By.id("wf-ask")).click();
    browser.waitForText(By.id("wf-status"), "Diskusi dengan Team Leader", WAIT);

    JsonObject row = ticketRow(ticketId);
    assertThat(row.getString("status")).isEqualTo("tl_discussion");
    assertThat(row.getString("question")).isEqualTo("SPT pembetulan ditolak sistem, apa sebabnya?");
    assertThat(row.getString("application")).isEqualTo("e-Filing");
  }

  @Test
  @DisplayName("The taxpayer chosen in the pop is stored on the ticket and QA finds the call by that taxpayer's NPWP")
  void taxpayerChosenInPop() throws Exception {
    RingHandle ring = ringAndAnswer("6281266677788", "KKP Hadi dan Rekan");
    long ticketId = shownTicket();
    JsonObject client = Sql.rows(server.server.pool(),
        "SELECT id FROM taxpayers WHERE npwp = '039876543210000'").get(0);
    browser.driver.findElement(By.id("tp-" + client.getLong("id"))).click();
    Eventually.until("the chosen taxpayer on the ticket", 10_000, () -> ticketRow(ticketId),
        r -> client.getLong("id").equals(r.getLong("taxpayer_id")));
    end(ring);

    HttpSession qa = HttpSession.login(server.vertx, server.port(), "qa1", "klip-qa1");
    JsonArray found = qa.get("/api/qa/interactions?taxpayer=039876543210000").bodyAsJsonArray();
    assertThat(found.stream().map(o -> ((JsonObject) o).getLong("ticketId")).toList()).contains(ticketId);
  }

  @Test
  @DisplayName("A draft names the version it last saw: a stale version gets 409 and the newer draft stays")
  void staleDraftRefused() throws Exception {
    RingHandle ring = ringAndAnswer("081234567001", "Budi Santoso");
    long ticketId = shownTicket();
    String path = "/api/tickets/" + ticketId + "/draft";
    int current = agent.get(path).bodyAsJsonObject().getInteger("version");
    assertThat(agent.put(path, new JsonObject().put("version", current)
        .put("fields", new JsonObject().put("question", "dari tab kedua"))).statusCode()).isEqualTo(200);
    assertThat(agent.put(path, new JsonObject().put("version", current)
        .put("fields", new JsonObject().put("question", "tab lama"))).statusCode()).isEqualTo(409);
    assertThat(agent.put(path, new JsonObject().put("version", "x").put("fields", new JsonObject())).statusCode())
        .isEqualTo(400);
    assertThat(agent.put(path, new JsonObject().put("version", current + 1)
        .put("fields", new JsonObject().put("question", 42))).statusCode()).isEqualTo(400);
    assertThat(agent.get(path).bodyAsJsonObject().getJsonObject("fields").getString("question"))
        .isEqualTo("dari tab kedua");
    end(ring);
    // Budi is the only taxpayer behind his number: the pop shows him chosen, so he is stored with the answered call.
    Eventually.until("the taxpayer shown as chosen stored at the end of the call", 10_000, () -> ticketRow(ticketId),
        r -> r.getLong("taxpayer_id") != null);
  }

  @Test
  @DisplayName("At 1280×720 the caller, the ticket and SIKP stand side by side with the question in view and the "
      + "cursor in it; typed and saved at once with Alt+S (before the draft's pause): saved, nothing refused")
  void workspaceAndKeyboardSave() throws Exception {
    browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 720));
    try {
      ringAndAnswer("081311110002", "Dewi Lestari");
      var pop = browser.driver.findElement(By.id("pop")).getRect();
      var question = browser.driver.findElement(By.id("question")).getRect();
      var sikp = browser.waitFor(By.id("sikp-panel"), WAIT).getRect();
      assertThat(pop.getX() + pop.getWidth()).as("caller context left of the ticket").isLessThanOrEqualTo(question.getX());
      assertThat(question.getX() + question.getWidth()).as("ticket left of SIKP").isLessThanOrEqualTo(sikp.getX());
      long viewport = (Long) ((org.openqa.selenium.JavascriptExecutor) browser.driver)
          .executeScript("return window.innerHeight");
      assertThat((long) question.getY() + question.getHeight()).as("question field above the fold").isLessThanOrEqualTo(viewport);
    } finally {
      browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
    }
    long ticketId = shownTicket();
    assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("question");
    browser.driver.switchTo().activeElement().sendKeys("Kode verifikasi e-Filing tidak pernah masuk ke email.",
        org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.ALT, "s"));
    browser.waitForText(By.id("form-message"), "Tersimpan", WAIT);
    assertThat(ticketRow(ticketId).getString("question")).isEqualTo("Kode verifikasi e-Filing tidak pernah masuk ke email.");
  }

  private RingHandle ringAndAnswer(String number, String name) throws Exception {
    RingHandle ring = server.pbx().ring(number, name, "eapp", AGENT1, "Agent One").await(5, TimeUnit.SECONDS);
    calls.add(ring);
    browser.waitForText(By.id("pop-caller-number"), number, WAIT);
    ring.answer().await(5, TimeUnit.SECONDS);
    browser.waitForText(By.id("call-status"), "Tersambung", WAIT);
    return ring;
  }

  /** The caller hangs up. */
  private void end(RingHandle call) throws Exception {
    calls.remove(call);
    call.hangup().await(5, TimeUnit.SECONDS);
  }

  private long shownTicket() {
    return Long.parseLong(browser.driver.findElement(By.id("pop-ticket-id")).getText());
  }

  private JsonObject ticketRow(long id) {
    List<JsonObject> rows = Sql.rows(server.server.pool(),
        "SELECT status, question, application, taxpayer_id FROM tickets WHERE id = $1", id);
    return rows.get(0);
  }

  private JsonObject draftOf(long ticketId, java.util.function.Predicate<JsonObject> done) {
    return Eventually.until("the draft of ticket " + ticketId, 10_000, () -> {
      List<JsonObject> rows = Sql.rows(server.server.pool(), "SELECT fields FROM ticket_drafts WHERE ticket_id = $1",
          ticketId);
      return rows.isEmpty() ? null : rows.get(0).getJsonObject("fields");
    }, done);
  }
}
