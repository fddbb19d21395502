package klip.qa;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import klip.pbx.CallScenario;
import klip.support.Browser;
import klip.support.Browsers;
import klip.support.Eventually;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A day of scoring in real Chromium at 1280×720: the workspace keeps the replay in view while scoring, the player
 * obeys the keyboard, markers and timeline speak Indonesian without overlapping, agents are found by name,
 * supersede and disputes go through dialogs, and the SLA report's default day is the Jakarta day.
 */
class QaWorkdayBrowserTest {

  private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
  private static final String[] CRITERIA = {"greeting", "identification", "answer", "sikp", "sop", "documentation",
      "closing"};

  @RegisterExtension
  static final Browsers browsers = Browsers.withServer();

  private static TestServer ts;
  private static Browser browser;
  private static long agentOneTicket;
  private static long agentTwoTicket;
  private static long agentOneRecording;
  private static LocalDate ticketDay;

  @BeforeAll
  static void start() throws Exception {
    ts = browsers.server();
    ts.pbx().play(CallScenario.builder("081377778888", "Ahmad")
        .ring("Local/agent1@agents/n", "Agent One", CallScenario.Outcome.ANSWER)
        .talkDuration(Duration.ofSeconds(20)).build()).await(30, TimeUnit.SECONDS);
    ts.pbx().play(CallScenario.builder("081355556666", "Siti")
        .ring("Local/agent2@agents/n", "Agent Two", CallScenario.Outcome.ANSWER)
        .talkDuration(Duration.ofSeconds(12)).build()).await(30, TimeUnit.SECONDS);
    HttpSession qa = ts.login("qa1");
    JsonObject one = linked(qa, "agent1");
    JsonObject two = linked(qa, "agent2");
    agentOneTicket = one.getLong("ticketId");
    agentOneRecording = one.getLong("recordingId");
    agentTwoTicket = two.getLong("ticketId");
    ticketDay = Instant.parse(one.getString("createdAt")).atZone(JAKARTA).toLocalDate();

    // A crowded stretch of the timeline: events a few hundred milliseconds apart, as when a team leader joins
    // right after the answer and the agent saves and answers the ticket.
    Instant startedAt = Instant.parse(qa.get("/api/recordings/" + agentOneRecording).bodyAsJsonObject()
        .getString("startedAt"));
    String[][] events = {{"1000", "supervisor_joined", "{\"mode\":\"listen\"}"}, {"1100", "recorded", "{}"},
        {"1200", "transition", "{\"from\":\"received\",\"to\":\"answered\"}"}, {"1300", "supervisor_left", "{}"},
        {"6000", "transition", "{\"from\":\"answered\",\"to\":\"closed\"}"}, {"6100", "recorded", "{}"}};
    for (String[] e : events) {
      ts.server.pool().preparedQuery("INSERT INTO ticket_events (ticket_id, at, actor, kind, detail) "
              + "VALUES ($1, $2, 'tl1', $3, $4)")
          .execute(Tuple.of(agentOneTicket, startedAt.plusMillis(Long.parseLong(e[0])).atOffset(java.time.ZoneOffset.UTC),
              e[1], new JsonObject(e[2]))).await();
    }
    browser = browsers.browser();
    fitViewport(1280, 720);
  }

  private static JsonObject linked(HttpSession qa, String agent) {
    return Eventually.until("the linked recording of " + agent, 20_000,
        () -> qa.get("/api/qa/interactions?agent=" + agent).bodyAsJsonArray(),
        a -> a.size() == 1 && a.getJsonObject(0).getLong("recordingId") != null).getJsonObject(0);
  }

  /** Sizes the window so that the page itself (the viewport) is width × height. */
  private static void fitViewport(int width, int height) {
    browser.driver.manage().window().setSize(new Dimension(width, height));
    long innerWidth = number("return window.innerWidth").longValue();
    long innerHeight = number("return window.innerHeight").longValue();
    browser.driver.manage().window().setSize(new Dimension(2 * width - (int) innerWidth, 2 * height - (int) innerHeight));
    assertThat(number("return window.innerWidth").longValue()).isEqualTo(width);
    assertThat(number("return window.innerHeight").longValue()).isEqualTo(height);
  }

  private static Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser.driver).executeScript(script, args);
  }

  private static Number number(String script, Object... args) {
    return (Number) js(script, args);
  }

  private static void signIn(String username) {
    browser.open(ts.port(), "/");
    browser.driver.manage().deleteAllCookies();
    browser.login(ts.port(), username);
  }

  private static void openInteraction(long ticketId) {
    browser.waitFor(By.id("qa-search"), Duration.ofSeconds(10));
    browser.open(ts.port(), "/?t=" + System.nanoTime() + "#ticket=" + ticketId);
    try {
      browser.waitFor(By.id("qa-waveform"), Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      browser.driver.manage().logs().get("browser").forEach(l -> System.err.println("Browser console: " + l));
      throw e;
    }
    until("the audio's metadata", "return document.getElementById('qa-audio').readyState >= 1");
  }

  private static void until(String what, String script) {
    new WebDriverWait(browser.driver, Duration.ofSeconds(10)).withMessage(what)
        .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(script)));
  }

  /** True when every element's box lies inside the viewport. */
  private static boolean allInViewport(String... ids) {
    return (Boolean) js("""
        return arguments[0].every((id) => {
          const r = document.getElementById(id).getBoundingClientRect();
          return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0
            && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
        });""", List.of(ids));
  }

  @Test
  @DisplayName("At 1280×720 the assessor scores without the waveform or the screen replay leaving the viewport")
  void scoreBesideTheReplay() {
    signIn("qa1");
    browser.waitFor(By.id("qa-agent"), Duration.ofSeconds(10)).sendKeys("agent1");
    browser.driver.findElement(By.id("qa-search-button")).click();
    browser.waitFor(By.cssSelector("#qa-list tr[data-ticket='" + agentOneTicket + "']"), Duration.ofSeconds(10));
    browser.driver.findElement(By.cssSelector("#qa-list tr[data-ticket='" + agentOneTicket + "']")).click();
    browser.waitFor(By.id("qa-waveform"), Duration.ofSeconds(10));
    assertThat(allInViewport("qa-waveform", "qa-screen", "qa-play")).isTrue();

    for (String code : CRITERIA) {
      browser.driver.findElement(By.id("crit-" + code + "-1")).click();
      assertThat(allInViewport("qa-waveform", "qa-screen", "crit-" + code + "-1")).as(code).isTrue();
    }
    browser.driver.findElement(By.id("qa-comments")).sendKeys("Salam, identifikasi dan jawaban sesuai SIKP.");
    browser.driver.findElement(By.id("qa-submit")).click();
    browser.waitForText(By.id("qa-eval-message"), "100", Duration.ofSeconds(10));
    assertThat(allInViewport("qa-waveform", "qa-screen", "qa-submit", "qa-eval-message")).isTrue();
    // The list and the history show the new evaluation without reloading anything.
    browser.waitForText(By.cssSelector("#qa-list tr[data-ticket='" + agentOneTicket + "'] td.score"), "100",
        Duration.ofSeconds(10));
    browser.waitForText(By.id("qa-evaluations"), "Salam, identifikasi", Duration.ofSeconds(10));
  }

  @Test
  @DisplayName("Space plays and pauses, arrows seek 5 s, − and + change the speed; the playback is audited once")
  void keyboardPlayback() {
    long before = auditRows();
    signIn("qa1");
    openInteraction(agentOneTicket);
    js("""
        const a = document.getElementById('qa-audio');
        window.mediaEvents = [];
        ['play', 'pause', 'seeked', 'ratechange'].forEach((k) => a.addEventListener(k, () => window.mediaEvents.push(k)));
        document.activeElement.blur();""");
    Actions keys = new Actions(browser.driver);

    keys.sendKeys(Keys.SPACE).perform();
    until("a play event", "return window.mediaEvents.includes('play')");
    assertThat(js("return document.getElementById('qa-audio').paused")).isEqualTo(false);
    keys.sendKeys(Keys.SPACE).perform();
    until("a pause event", "return window.mediaEvents.includes('pause')");
    assertThat(js("return document.getElementById('qa-audio').paused")).isEqualTo(true);

    double at = number("return document.getElementById('qa-audio').currentTime").doubleValue();
    js("window.mediaEvents = []");
    keys.sendKeys(Keys.ARROW_RIGHT).perform();
    until("a seek forward", "return window.mediaEvents.includes('seeked')");
    assertThat(number("return document.getElementById('qa-audio').currentTime").doubleValue())
        .isCloseTo(at + 5, org.assertj.core.data.Offset.offset(0.01));
    js("window.mediaEvents = []");
    keys.sendKeys(Keys.ARROW_LEFT).perform();
    until("a seek back", "return window.mediaEvents.includes('seeked')");
    assertThat(number("return document.getElementById('qa-audio').currentTime").doubleValue())
        .isCloseTo(at, org.assertj.core.data.Offset.offset(0.01));

    keys.sendKeys("+").perform();
    until("a faster rate", "return window.mediaEvents.includes('ratechange')");
    assertThat(number("return document.getElementById('qa-audio').playbackRate").doubleValue()).isEqualTo(1.25);
    assertThat(browser.driver.findElement(By.id("qa-speed")).getAttribute("value")).isEqualTo("1.25");
    js("window.mediaEvents = []");
    keys.sendKeys("-").perform();
    until("a slower rate", "return window.mediaEvents.includes('ratechange')");
    assertThat(number("return document.getElementById('qa-audio').playbackRate").doubleValue()).isEqualTo(1.0);

    // However many Range requests the player sent for all that, the page opened one playback: one audit row.
    assertThat(auditRows()).isEqualTo(before + 1);
  }

  private static long auditRows() {
    return ts.server.pool().preparedQuery("SELECT count(*) FROM playback_audit WHERE recording_id = $1")
        .execute(Tuple.of(agentOneRecording)).await().iterator().next().getLong(0);
  }

  @Test
  @DisplayName("Markers and timeline read in Indonesian, never a stored code, and no two marker labels overlap")
  void indonesianMarkers() {
    signIn("qa1");
    openInteraction(agentOneTicket);
    until("the markers", "return document.querySelectorAll('#qa-wave-markers .wave-marker').length > 0");
    @SuppressWarnings("unchecked")
    List<String> markers = (List<String>) js(
        "return [...document.querySelectorAll('#qa-wave-markers .wave-marker')].map((m) => m.textContent + ' | ' + m.title)");
    @SuppressWarnings("unchecked")
    List<String> timeline = (List<String>) js(
        "return [...document.querySelectorAll('#qa-timeline li')].map((li) => li.textContent)");
    String codes = "(?s).*\\b(received|rang|answered|recorded|transition|supervisor_joined|supervisor_left"
        + "|recording_linked|call_ended)\\b.*";
    assertThat(markers).isNotEmpty().noneMatch(s -> s.matches(codes));
    assertThat(timeline).hasSizeGreaterThanOrEqualTo(9).noneMatch(s -> s.matches(codes));
    assertThat(String.join("\n", timeline)).contains("Team Leader bergabung ke panggilan (mendengar)")
        .contains("Status diubah: Terjawab").contains("Rekaman ditautkan").contains("Panggilan masuk antrean");
    Number overlaps = number("""
        const boxes = [...document.querySelectorAll('#qa-wave-markers .wave-marker')].map((m) => m.getBoundingClientRect());
        let n = 0;
        boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
          if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) n++;
        }));
        return n;""");
    assertThat(overlaps.intValue()).isZero();
  }

  @Test
  @DisplayName("Searching 'Agent One' or 'agent two' finds that agent's calls by display name")
  void searchByName() {
    signIn("qa1");
    WebElement agent = browser.waitFor(By.id("qa-agent"), Duration.ofSeconds(10));
    agent.sendKeys("Agent One");
    browser.driver.findElement(By.id("qa-search-button")).click();
    browser.waitFor(By.cssSelector("#qa-list tr[data-ticket='" + agentOneTicket + "']"), Duration.ofSeconds(10));
    assertThat(browser.driver.findElements(By.cssSelector("#qa-list tbody tr"))).hasSize(1);
    assertThat(browser.driver.findElement(By.cssSelector("#qa-list tbody tr")).getText()).contains("Agent One (agent1)");
    agent.clear();
    agent.sendKeys("agent two");
    browser.driver.findElement(By.id("qa-search-button")).click();
    browser.waitFor(By.cssSelector("#qa-list tr[data-ticket='" + agentTwoTicket + "']"), Duration.ofSeconds(10));
    assertThat(browser.driver.findElements(By.cssSelector("#qa-list tbody tr"))).hasSize(1);
  }

  @Test
  @DisplayName("Supersede, an agent's dispute and its decision each go through a dialog; lists follow each change")
  void dialogs() {
    HttpSession qa = ts.login("qa1");
    JsonObject answers = new JsonObject();
    for (String code : CRITERIA) {
      answers.put(code, 1);
    }
    long first = qa.post("/api/qa/evaluations", new JsonObject().put("ticketId", agentTwoTicket).put("answers", answers)
        .put("comments", "Evaluasi pertama")).bodyAsJsonObject().getLong("id");

    signIn("qa1");
    openInteraction(agentTwoTicket);
    for (String code : CRITERIA) {
      browser.driver.findElement(By.id("crit-" + code + "-0.5")).click();
    }
    browser.driver.findElement(By.cssSelector("[data-supersede='" + first + "']")).click();
    WebElement dialog = browser.waitFor(By.id("qa-supersede-dialog"), Duration.ofSeconds(5));
    assertThat(dialog.getAttribute("open")).isNotNull();
    browser.driver.findElement(By.id("qa-supersede-dialog-ok")).click();
    browser.waitForText(By.id("qa-supersede-dialog-error"), "Alasan wajib diisi", Duration.ofSeconds(5));
    browser.driver.findElement(By.id("qa-supersede-dialog-text")).sendKeys("Salah menilai identifikasi");
    browser.driver.findElement(By.id("qa-supersede-dialog-ok")).click();
    browser.waitForText(By.id("qa-evaluations"), "menggantikan #" + first + ": Salah menilai identifikasi",
        Duration.ofSeconds(10));
    assertThat(browser.driver.findElements(By.id("qa-supersede-dialog"))).isEmpty();
    assertThat(browser.driver.findElement(By.cssSelector("#qa-evaluations li[data-evaluation='" + first + "']"))
        .getAttribute("class")).contains("superseded");
    long current = qa.get("/api/qa/interactions/" + agentTwoTicket).bodyAsJsonObject().getJsonArray("evaluations")
        .stream().map(e -> (JsonObject) e).filter(e -> e.getLong("supersededBy") == null).findFirst().orElseThrow()
        .getLong("id");

    signIn("agent2");
    browser.waitFor(By.cssSelector("[data-dispute-evaluation='" + current + "']"), Duration.ofSeconds(10)).click();
    browser.waitFor(By.id("qa-dispute-dialog"), Duration.ofSeconds(5));
    browser.driver.findElement(By.id("qa-dispute-dialog-text")).sendKeys("Saya sudah menanyakan NPWP");
    browser.driver.findElement(By.id("qa-dispute-dialog-ok")).click();
    browser.waitForText(By.id("my-evaluations-status"), "Sanggahan terkirim", Duration.ofSeconds(10));
    assertThat(browser.driver.findElements(By.cssSelector("[data-dispute-evaluation='" + current + "']"))).isEmpty();

    signIn("qa1");
    WebElement dispute = browser.waitFor(By.cssSelector("#qa-disputes li[data-dispute]"), Duration.ofSeconds(10));
    assertThat(dispute.getText()).contains("Saya sudah menanyakan NPWP");
    dispute.findElement(By.cssSelector("[data-decide='rejected']")).click();
    browser.waitFor(By.id("qa-resolve-dialog"), Duration.ofSeconds(5));
    browser.driver.findElement(By.id("qa-resolve-dialog-text")).sendKeys("Rekaman tidak menunjukkan itu");
    browser.driver.findElement(By.id("qa-resolve-dialog-ok")).click();
    browser.waitForText(By.id("qa-disputes"), "Tidak ada sanggahan", Duration.ofSeconds(10));
    assertThat(qa.get("/api/qa/disputes?status=rejected").bodyAsJsonArray().getJsonObject(0).getString("resolution"))
        .isEqualTo("Rekaman tidak menunjukkan itu");
  }

  @Test
  @DisplayName("At 06:00 WIB (23:00 UTC the day before) the SLA report opens on the Jakarta day and shows it")
  void slaReportAtSixInTheMorning() {
    Browser early = browsers.open();
    {
      long sixWib = ticketDay.atTime(6, 0).atZone(JAKARTA).toInstant().toEpochMilli();
      ChromeDriver chrome = (ChromeDriver) early.driver;
      chrome.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "UTC"));
      // The page's clock starts at 06:00 WIB and runs on from there.
      chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
          (() => {
            const RealDate = Date;
            const shift = %d - RealDate.now();
            class ShiftedDate extends RealDate {
              constructor(...args) { if (args.length) super(...args); else super(RealDate.now() + shift); }
              static now() { return RealDate.now() + shift; }
            }
            globalThis.Date = ShiftedDate;
          })();""".formatted(sixWib)));
      early.login(ts.port(), "qa1");
      early.waitFor(By.id("show-sla"), Duration.ofSeconds(10)).click();
      early.waitFor(By.cssSelector("#sla-rows tr"), Duration.ofSeconds(10));
      assertThat(((JavascriptExecutor) early.driver).executeScript("return new Date().toISOString()").toString())
          .startsWith(ticketDay.minusDays(1).toString() + "T23:");
      assertThat(early.driver.findElement(By.id("sla-to")).getAttribute("value")).isEqualTo(ticketDay.toString());
      assertThat(early.driver.findElement(By.cssSelector("#sla-rows tr td")).getText())
          .isEqualTo(ticketDay.toString());
    }
  }
}
