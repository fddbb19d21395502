package klip.qa;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.pbx.CallScenario;
import klip.support.Browser;
import klip.support.Browsers;
import klip.support.BusRecorder;
import klip.support.Eventually;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** In real Chromium: a quality assessor opens an interaction, plays and seeks, the screen follows, scores it. */
class QaConsoleBrowserTest {

  @RegisterExtension
  static final Browsers browsers = Browsers.withServer();
  private static long ticketId;

  /** A recorded, answered call with two desk states captured during it: what the assessor will open. */
  @BeforeAll
  static void recordedCall() throws Exception {
    TestServer ts = browsers.server();
    BusRecorder linked = new BusRecorder(ts.vertx, Addresses.RECORDING_LINKED);
    String callId = ts.pbx().play(CallScenario.builder("081377778888", "Ahmad")
        .ring("Local/agent1@agents/n", "Agent One", CallScenario.Outcome.ANSWER)
        .talkDuration(Duration.ofSeconds(6)).build()).await(30, TimeUnit.SECONDS);
    linked.awaitMatching(m -> callId.equals(m.getString("callId")), 60_000);
    linked.close();
    HttpSession qa = ts.login("qa1");
    JsonArray interactions = qa.get("/api/qa/interactions?agent=agent1").bodyAsJsonArray();
    assertThat(interactions).hasSize(1);
    JsonObject found = interactions.getJsonObject(0);
    assertThat(found.getString("callId")).isEqualTo(callId);
    ticketId = found.getLong("ticketId");
    long startedAt = Instant.parse(qa.get("/api/recordings/" + found.getLong("recordingId")).bodyAsJsonObject()
        .getString("startedAt")).toEpochMilli();

    // What the agent desktop's screen-capture.js uploads: two states of the desk during the call.
    HttpSession agent = ts.login("agent1");
    long capture = agent.post("/api/captures", new JsonObject().put("ticketId", ticketId)).bodyAsJsonObject()
        .getLong("id");
    agent.send(HttpMethod.PUT, "/api/captures/" + capture + "/chunks/0", new JsonObject().put("events",
        new JsonArray().add(desk(startedAt + 100, "Pertanyaan awal: EFIN hilang"))).encode());
    agent.send(HttpMethod.PUT, "/api/captures/" + capture + "/chunks/1", new JsonObject().put("events",
        new JsonArray().add(desk(startedAt + 3000, "Pertanyaan kedua: lupa kata sandi DJP Online"))).encode());
  }

  private static JsonObject desk(long t, String question) {
    return new JsonObject().put("t", t).put("type", "snapshot").put("tree", new JsonObject().put("tag", "div")
        .put("children", new JsonArray().add(new JsonObject().put("tag", "p").put("id", "question-text")
            .put("children", new JsonArray().add(new JsonObject().put("text", question))))));
  }

  private static double audioTime() {
    return ((Number) ((JavascriptExecutor) browsers.browser().driver)
        .executeScript("return document.getElementById('qa-audio').currentTime")).doubleValue();
  }

  private static String screen() {
    return browsers.browser().driver.findElement(By.id("qa-screen")).getText();
  }

  @Test
  @DisplayName("QA opens an interaction: audio plays and seeks, the screen replay follows, the evaluation is saved")
  void assessAnInteraction() {
    TestServer ts = browsers.server();
    Browser browser = browsers.logIn("qa1");
    browser.waitFor(By.id("qa-search"));
    browser.open(ts.port(), "/#ticket=" + ticketId);
    WebElement waveform = browser.waitFor(By.id("qa-waveform"));
    browser.waitForText(By.id("qa-question"), "-");

    browser.driver.findElement(By.id("qa-play")).click();
    // Polled: the audio element's position and the replayed screen are browser state; nothing signals them.
    Eventually.until("audio playing", 30_000, QaConsoleBrowserTest::audioTime, t -> t > 0.3);
    Eventually.until("the first desk state", 30_000, QaConsoleBrowserTest::screen,
        s -> s.contains("Pertanyaan awal"));

    // Click at 60 % of the waveform: 3.6 s into a 6 s recording, after the second desk state (3.0 s).
    int width = waveform.getSize().getWidth();
    new Actions(browser.driver).moveToElement(waveform, (int) (width * 0.6) - width / 2, 0).click().perform();
    double after = Eventually.until("the seek", 30_000, QaConsoleBrowserTest::audioTime, t -> t >= 3.5);
    assertThat(after).isLessThan(5.5);
    Eventually.until("the screen to follow the seek", 30_000, QaConsoleBrowserTest::screen,
        s -> s.contains("Pertanyaan kedua"));
    browser.driver.findElement(By.id("qa-play")).click();

    for (String code : new String[] {"greeting", "identification", "answer", "sikp", "sop", "documentation",
        "closing"}) {
      browser.driver.findElement(By.id("crit-" + code + "-1")).click();
    }
    browser.driver.findElement(By.id("qa-comments")).sendKeys("Salam dan jawaban sesuai SIKP.");
    browser.driver.findElement(By.id("qa-submit")).click();
    browser.waitForText(By.id("qa-eval-message"), "100");
    JsonArray evaluations = ts.login("qa1").get("/api/qa/interactions/" + ticketId).bodyAsJsonObject()
        .getJsonArray("evaluations");
    assertThat(evaluations).hasSize(1);
    assertThat(evaluations.getJsonObject(0).getString("comments")).isEqualTo("Salam dan jawaban sesuai SIKP.");

    // A link to an exact moment opens the interaction there, screen included.
    browser.open(ts.port(), "/?again#ticket=" + ticketId + "&t=4.2");
    browser.waitFor(By.id("qa-waveform"));
    Eventually.until("the linked moment", 30_000, QaConsoleBrowserTest::audioTime, t -> Math.abs(t - 4.2) < 0.3);
    Eventually.until("the screen at the linked moment", 30_000, QaConsoleBrowserTest::screen,
        s -> s.contains("Pertanyaan kedua"));
  }
}
