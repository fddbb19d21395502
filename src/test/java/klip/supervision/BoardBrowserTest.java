package klip.supervision;

import klip.pbx.RingHandle;
import klip.support.Browser;
import klip.support.Browsers;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The team leader's board in real headless Chromium: live as a call rings, is answered and ends; one-click listen. */
class BoardBrowserTest {

  @RegisterExtension
  static final Browsers browsers = Browsers.withServer();

  @Test
  @DisplayName("The board shows the call ringing, then talking with the agent on a call; the listen button rings the "
      + "team leader's phone with ChanSpy, whisper switches the same session, Berhenti ends it; the ticket opened "
      + "from the board shows the transitions in Indonesian, and the call leaves the board when it ends")
  void liveBoard() throws Exception {
    TestServer server = browsers.server();
    Browser browser = browsers.signIn("tl1");
    browser.waitFor(By.id("no-calls"));
    browser.waitForText(By.cssSelector("[data-agent=agent1] .agent-state"), "Tersedia");

    RingHandle call = server.pbx().ring("081234567001", "Budi Santoso", "eapp", "Local/agent1@agents/n",
        "Agent One").await(5, TimeUnit.SECONDS);
    By row = By.cssSelector("tr.live-call[data-call='" + call.linkedid() + "']");
    browser.waitForText(row, "Berdering");
    // The board redraws its rows (durations tick), so the text is awaited on the row as found each time.
    browser.waitForText(row, "Budi Santoso");
    browser.waitForText(row, "Agent One");
    browser.waitForText(By.cssSelector("[data-agent=agent1] .agent-state"), "Berdering");

    call.answer().await(5, TimeUnit.SECONDS);
    browser.waitForText(row, "Berbicara");
    browser.waitForText(By.cssSelector("[data-agent=agent1] .agent-state"), "Dalam panggilan");
    String liveCall = "tr.live-call[data-call='" + call.linkedid() + "'] ";
    new WebDriverWait(browser.driver, Browser.WAIT).until(ExpectedConditions.elementToBeClickable(
        By.cssSelector(liveCall + "button.join-listen")));

    // Every push redraws the board's rows: each button is found and clicked in one script turn.
    var originate = server.pbx().nextAction("Originate");
    browser.clickShownCss(liveCall + "button.join-listen");
    Map<String, String> action = originate.await(5, TimeUnit.SECONDS);
    assertThat(action.get("Channel")).isEqualTo("PJSIP/2001");
    assertThat(action.get("Application")).isEqualTo("ChanSpy");
    assertThat(action.get("Data")).isEqualTo(call.agentChannel() + ",qEd");
    browser.waitForText(By.id("board-message"), "PJSIP/2001");
    browser.waitForText(row, "tl1 — sedang mendengarkan");
    By mine = By.id("monitoring-" + call.linkedid());
    browser.waitForText(mine, "Anda sedang mendengarkan");

    // Whisper switches the same session: a keypad digit on the spyer channel, no second ring, one row of spies.
    var dtmf = server.pbx().nextAction("PlayDTMF");
    browser.clickShownCss(liveCall + "button.join-whisper");
    Map<String, String> digit = dtmf.await(5, TimeUnit.SECONDS);
    assertThat(digit).containsEntry("Digit", "5");
    browser.waitForText(mine, "Anda sedang berbisik");
    browser.waitForText(By.id("board-message"), "Mode diganti: Anda sedang berbisik");
    assertThat(browser.driver.findElements(By.cssSelector("tr.live-call[data-call='" + call.linkedid()
        + "'] .spy[data-by=tl1]"))).hasSize(1);
    assertThat(browser.driver.findElement(By.cssSelector("tr.live-call[data-call='" + call.linkedid()
        + "'] .spy[data-by=tl1]")).getText()).isEqualTo("tl1 — sedang berbisik");
    assertThat(server.pbx().spyMode(digit.get("Channel")).await(5, TimeUnit.SECONDS)).contains("whisper");

    var hangup = server.pbx().nextAction("Hangup");
    browser.clickShownCss(liveCall + "button.stop-monitoring");
    assertThat(hangup.await(5, TimeUnit.SECONDS)).containsEntry("Channel", digit.get("Channel"));
    browser.waitForText(By.id("board-message"), "Pemantauan dihentikan");
    new WebDriverWait(browser.driver, Browser.WAIT).until(ExpectedConditions.numberOfElementsToBe(
        By.cssSelector("tr.live-call[data-call='" + call.linkedid() + "'] .spy"), 0));
    assertThat(browser.driver.findElements(mine)).isEmpty();

    // The ticket, opened from the board, tells the session's story in Indonesian.
    browser.clickShownCss(liveCall + "button.open-ticket");
    By timeline = By.id("ticket-read-timeline");
    browser.waitForText(timeline, "Team Leader bergabung ke panggilan (mendengar) · oleh tl1");
    browser.waitForText(timeline, "Team Leader mengganti mode: mendengar → berbisik · oleh tl1");
    browser.waitForText(timeline, "Team Leader berhenti memantau (berbisik) · oleh tl1");
    browser.driver.findElement(By.id("ticket-read-close")).click();

    call.hangup().await(5, TimeUnit.SECONDS);
    browser.waitFor(By.id("no-calls"));
    browser.waitForText(By.id("count-answered"), "1");
    browser.waitForText(By.cssSelector("[data-agent=agent1] .agent-state"), "Penyelesaian");
  }
}
