package klip.web;

import klip.Addresses;
import klip.pbx.RingHandle;
import klip.support.BusRecorder;
import klip.support.Browser;
import klip.support.Browsers;
import klip.support.HttpSession;
import io.vertx.core.json.JsonObject;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages people work in read as Bahasa Indonesia: scanned in real Chromium with a call live, no raw code
 * (snake_case or dotted identifiers, JSON) and no English word outside the terms the directorate itself uses.
 */
class PageLanguageBrowserTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  /**
   * Codes as the server stores them: snake_case, dotted keys, JSON objects, API paths and kind:id targets (the audit
   * log's).
   */
  private static final Pattern CODE = Pattern.compile("\\b[a-z]+_[a-z_]+\\b|\\b[a-z]+\\.[a-z_]+\\.[a-z_.]+\\b|\\{\"|/api/"
      + "|\\b(user|recording|ticket|team):\\S");
  /** English words that have leaked before (statuses, outcomes, PBX and parser messages). */
  private static final Set<String> ENGLISH = Set.of("the", "and", "not", "failed", "available", "member", "queue",
      "unexpected", "character", "originated", "ringing", "connected", "ended", "unanswered", "received", "answered",
      "escalated", "closed", "delivered", "agent", "error", "found", "invalid", "required", "ticket",
      "waiting", "talking", "paused", "wrapup", "logged", "supervisor", "joined", "none", "null",
      "undefined", "true", "false");
  /** Terms Kring Pajak staff use as they are. */
  private static final Set<String> ALLOWED = Set.of("e-filing", "efin", "npwp", "nik", "sikp", "klip", "call",
      "handler", "team", "leader", "quality", "assessor", "admin", "demo");

  @RegisterExtension
  static final Browsers browsers = Browsers.withServer();

  @Test
  @DisplayName("The agent desk with a live call, its transfer menu and after the transfer, the team leader's board, "
      + "the escalation desk, the audit log with the call controls in it and the desk's refusals show no raw code and "
      + "no English outside the allowed terms")
  void noRawCodeOrEnglish() throws Exception {
    TestServer server = browsers.server();
    Browser agent = browsers.open();
    Browser leader = browsers.open();
    Browser desk = browsers.open();
    {
      agent.loginConnected(server.port(), "agent1");
      leader.login(server.port(), "tl1");
      leader.waitFor(By.id("board-agents"), WAIT);
      desk.login(server.port(), "eskalasi1");
      desk.waitFor(By.id("escalation-desk"), WAIT);
      RingHandle ring = server.pbx().ring("081234567001", "Budi Santoso", "eapp", "Local/agent1@agents/n",
          "Agent One").await(5, TimeUnit.SECONDS);
      agent.waitForText(By.id("pop-caller-number"), "081234567001", WAIT);
      ring.answer().await(5, TimeUnit.SECONDS);
      agent.waitForText(By.id("call-status"), "Tersambung", WAIT);
      agent.waitFor(By.id("wf-status"), WAIT);
      leader.waitForText(By.id("board-calls"), "081234567001", WAIT);

      List<String> found = new ArrayList<>();
      found.addAll(scan("agent desk", agent));
      found.addAll(scan("board", leader));
      found.addAll(scan("escalation desk", desk));

      agent.driver.findElement(By.id("call-transfer")).click();
      agent.waitFor(By.id("transfer-queue"), WAIT);
      found.addAll(scan("agent desk, transfer menu open", agent));
      agent.driver.findElement(By.id("transfer-queue")).click();
      agent.waitForText(By.id("call-status"), "dialihkan", WAIT);
      leader.waitForText(By.id("board-calls"), "Agent Two", WAIT);
      found.addAll(scan("agent desk after the transfer", agent));
      found.addAll(scan("board after the transfer", leader));
      // What the server answers to a desk action that cannot be done, as the desk shows it after "Tidak berhasil: ".
      HttpSession api = server.login("agent1");
      found.addAll(scanText("refusals", List.of(
          api.post("/api/tickets/999999/transfer", new JsonObject().put("to", "queue")),
          api.post("/api/tickets/999999/hold", null),
          // The ticket went with the call to agent2.
          api.post("/api/tickets/" + ticketOf(server, ring) + "/transfer", new JsonObject().put("to", "queue")))
          .stream().map(r -> r.bodyAsJsonObject().getString("error")).toList()));
      ring.hangup().await(5, TimeUnit.SECONDS);

      Browser admin = browsers.open();
      admin.login(server.port(), "admin");
      admin.waitFor(By.id("tab-audit"), WAIT).click();
      admin.waitForText(By.id("audit-table"), "mengalihkan panggilan", WAIT);
      found.addAll(scan("audit log", admin));
      assertThat(found).as("raw codes or English words shown to people").isEmpty();
    }
  }

  @Test
  @DisplayName("The QA console's timeline, the ticket opened to read, the caller's history and the ticket search "
      + "show every kind of timeline entry in words: no stored code, no English")
  void timelinesInWords() throws Exception {
    TestServer server = browsers.server();
    long ticket;
    try (BusRecorder opened = new BusRecorder(server.vertx, Addresses.TICKET_OPENED);
         BusRecorder ended = new BusRecorder(server.vertx, Addresses.CALL_ENDED)) {
      // agent2: the other test's desk is agent1's, and an unfinished ticket there would hold its next pop.
      RingHandle ring = server.pbx().ring("081234567002", "Rina Wulandari", "eapp", "Local/agent2@agents/n",
          "Agent Two").await(5, TimeUnit.SECONDS);
      ticket = opened.awaitMatching(o -> ring.linkedid().equals(o.getString("callId")), 30_000).getLong("ticketId");
      ring.answer().await(5, TimeUnit.SECONDS);
      ring.hangup().await(5, TimeUnit.SECONDS);
      ended.awaitMatching(e -> ring.linkedid().equals(e.getString("callId")), 30_000);
    }
    // Every kind the server writes, and one it may write in future: each must read as words.
    String[][] events = {{"supervisor_joined", "{\"mode\":\"listen\"}"},
        {"supervisor_mode_changed", "{\"from\":\"listen\",\"to\":\"whisper\"}"},
        {"supervisor_left", "{\"mode\":\"whisper\",\"stoppedByLeader\":true}"},
        {"supervisor_join_failed", "{\"reason\":\"unavailable\"}"}, {"call_reconciled", "{}"},
        {"callback_failed", "{}"}, {"recording_missing", "{\"reason\":\"gone\"}"}, {"recording_extra", "{}"},
        {"transition", "{\"from\":\"received\",\"to\":\"escalated\"}"}, {"some_future_kind", "{}"},
        {"call_transferred", "{\"from\":\"agent2\",\"to\":\"queue\",\"fromInterface\":\"Local/agent2@agents/n\"}"},
        {"call_transferred", "{\"from\":\"agent1\",\"to\":\"tl1\"}"}, {"call_hold", "{}"}, {"call_unhold", "{}"},
        {"agent_hangup", "{\"channel\":\"Local/agent2@agents-00000001;1\"}"}};
    for (String[] e : events) {
      klip.support.TestTickets.scalar(server.server.pool(), "INSERT INTO ticket_events (ticket_id, at, actor, kind, "
          + "detail) VALUES ($1, now(), 'tl1', $2, $3) RETURNING id", ticket, e[0], new io.vertx.core.json.JsonObject(e[1]));
    }
    Browser qa = browsers.open();
    Browser leader = browsers.open();
    Browser agent = browsers.open();
    {
      qa.login(server.port(), "qa1");
      qa.waitFor(By.id("qa-search"), WAIT);
      qa.open(server.port(), "/#ticket=" + ticket);
      // The timeline sits in a closed <details>: present first, then opened to be read.
      new org.openqa.selenium.support.ui.WebDriverWait(qa.driver, WAIT).until(
          org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(By.id("qa-timeline")));
      openAllDetails(qa);
      qa.waitForText(By.id("qa-timeline"), "Team Leader mengganti mode: mendengar → berbisik", WAIT);

      leader.login(server.port(), "tl1");
      leader.waitFor(By.id("ticket-search"), WAIT);
      leader.driver.findElement(By.id("search-phone")).sendKeys("081234567002");
      leader.driver.findElement(By.id("search-go")).click();
      leader.waitFor(By.cssSelector("#search-results [data-ticket='" + ticket + "'] button"), WAIT).click();
      leader.waitForText(By.id("ticket-read-timeline"), "Team Leader berhenti memantau (berbisik)", WAIT);

      agent.login(server.port(), "agent2");
      agent.waitFor(By.id("ticket-search"), WAIT);
      agent.driver.findElement(By.id("search-name")).sendKeys("Rina");
      agent.driver.findElement(By.id("search-go")).click();
      agent.waitFor(By.cssSelector("#search-results [data-ticket='" + ticket + "'] button"), WAIT).click();
      agent.waitFor(By.id("ticket-read-history"), WAIT).click();
      agent.waitFor(By.cssSelector("#caller-history [data-ticket='" + ticket + "']"), WAIT);

      List<String> found = new ArrayList<>();
      found.addAll(scan("QA console", qa));
      found.addAll(scan("ticket read by the team leader", leader));
      found.addAll(scan("caller history and search", agent));
      assertThat(found).as("raw codes or English words shown to people").isEmpty();
    }
  }

  private static void openAllDetails(Browser browser) {
    ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript(
        "document.querySelectorAll('details').forEach((d) => { d.open = true; });");
  }

  private static long ticketOf(TestServer server, RingHandle ring) {
    return klip.support.Sql.rows(server.server.pool(), "SELECT id FROM tickets WHERE call_id = $1", ring.linkedid())
        .get(0).getLong("id");
  }

  private static List<String> scan(String page, Browser browser) {
    return scanText(page, List.of(browser.driver.findElement(By.tagName("body")).getText()));
  }

  private static List<String> scanText(String page, List<String> texts) {
    // "Status" is Indonesian too (KBBI), so it is not in the English list.
    // Interfaces and queue names are the PBX's own names for phones and queues, shown as such.
    String text = String.join("\n", texts)
        .replaceAll("(Local|PJSIP|SIP)/[^\\s·,)]+", "")
        .replaceAll("\\beapp\\b|\\bspt\\b", "")
        // People's names as the roster spells them (the demo floor's agents are called Agent One and Two).
        .replaceAll("Agent (One|Two)", "")
        // Sign-in names (agent2, tl1) name a person on tickets and timelines, as the roster spells them.
        .replaceAll("\\bagent\\d+\\b", "");
    List<String> found = new ArrayList<>();
    Matcher code = CODE.matcher(text);
    while (code.find()) {
      found.add(page + ": code '" + code.group() + "'");
    }
    for (String word : text.split("[^\\p{L}-]+")) {
      String w = word.toLowerCase(Locale.ROOT);
      if (ENGLISH.contains(w) && !ALLOWED.contains(w)) {
        found.add(page + ": English '" + word + "'");
      }
    }
    return found;
  }
}
