package klip.web;

import klip.pbx.RingHandle;
import klip.support.Browser;
import klip.support.Browsers;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's screenshots, taken at 1280×720 in headless Chromium from the demo data (demo taxpayers, the
 * simulated PBX): the agent desk on a live call, the team leader's board while they listen in, and the escalation
 * desk with an escalation and its team-leader thread. Not part of the suite (the name does not end in Test): run
 * {@code docs/screenshots.sh} after a change to these pages and commit the PNGs under docs/screenshots/.
 */
class ReadmeScreenshots {

  private static final Path OUT = Path.of("docs", "screenshots");

  @RegisterExtension
  static final Browsers browsers = Browsers.withServer();

  @Test
  @DisplayName("Agent desk, board and escalation desk at 1280×720")
  void take() throws Exception {
    TestServer server = browsers.server();
    Browser agent = browsers.open();
    Browser leader = browsers.open();
    Browser desk = browsers.open();
    for (Browser b : new Browser[] {agent, leader, desk}) {
      b.fitViewport(1280, 720);
    }
    agent.loginConnected(server.port(), "agent1");
    leader.login(server.port(), "tl1");
    leader.waitFor(By.id("board-agents"));
    browsers.logIn(desk, "eskalasi1");
    desk.waitFor(By.id("escalation-desk"));

    RingHandle ring = server.pbx().ring("081234567001", "Budi Santoso", "eapp", "Local/agent1@agents/n",
        "Agent One").await(5, TimeUnit.SECONDS);
    agent.waitForText(By.id("pop-caller-number"), "081234567001");
    ring.answer().await(5, TimeUnit.SECONDS);
    agent.waitForText(By.id("call-status"), "Tersambung");
    new Select(agent.driver.findElement(By.id("application"))).selectByValue("e-Filing");
    agent.waitFor(By.id("question")).sendKeys("wp lupa efin gmn, mau lapor SPT tahunan");
    agent.waitFor(By.cssSelector("#sikp-suggestions li.sikp-suggestion"));
    shoot(agent, "agent-desk.png");

    var originate = server.pbx().nextAction("Originate");
    leader.clickShownCss("tr.live-call[data-call='" + ring.linkedid() + "'] button.join-listen");
    Map<String, String> action = originate.await(10, TimeUnit.SECONDS);
    assertThat(action.get("Application")).isEqualTo("ChanSpy");
    leader.waitForText(By.id("monitoring-" + ring.linkedid()), "Anda sedang mendengarkan");
    shoot(leader, "board.png");

    agent.waitFor(By.id("wf-ask-question")).sendKeys("EFIN hilang dan email lama tidak aktif, boleh lewat telepon?");
    agent.driver.findElement(By.id("wf-ask")).click();
    agent.waitForText(By.id("wf-status"), "Diskusi dengan Team Leader");
    leader.clickShownCss(".tl-discussion button");
    leader.waitFor(By.id("tl-reply")).sendKeys("Tidak bisa lewat telepon; eskalasikan untuk verifikasi.");
    leader.driver.findElement(By.id("tl-send")).click();
    agent.waitForText(By.id("wf-thread"), "eskalasikan");
    agent.driver.findElement(By.id("wf-escalate-reason")).sendKeys("Permintaan EFIN tanpa email aktif");
    agent.driver.findElement(By.id("wf-escalate")).click();
    agent.waitForText(By.id("wf-status"), "Dieskalasi");
    desk.waitFor(By.cssSelector("tr.desk-row .desk-thread summary")).click();
    shoot(desk, "escalation-desk.png");
    ring.hangup().await(5, TimeUnit.SECONDS);
  }

  private static void shoot(Browser browser, String name) throws Exception {
    ((JavascriptExecutor) browser.driver).executeScript("window.scrollTo(0, 0)");
    Files.createDirectories(OUT);
    Files.write(OUT.resolve(name), ((org.openqa.selenium.TakesScreenshot) browser.driver).getScreenshotAs(OutputType.BYTES));
  }
}
