package klip.escalation;

import io.vertx.core.json.JsonObject;
import klip.pbx.RingHandle;
import klip.support.Browser;
import klip.support.Browsers;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Three people in three real headless Chromium windows: the agent, their team leader and the escalation desk. */
class EscalationBrowserTest {

  @RegisterExtension
  static final Browsers browsers = Browsers.withServer(new JsonObject().put("KLIP_OUTBOX_POLL_MS", 500));

  @Test
  @DisplayName("Agent asks the team leader, the team leader replies, the agent escalates, the desk sees it live, "
      + "the directorate answers, the agent calls back")
  void askReplyEscalate() throws Exception {
    TestServer server = browsers.server();
    Browser desk = browsers.open();
    Browser leader = browsers.open();
    Browser agent = browsers.open();
    browsers.logIn(desk, "eskalasi1");
    desk.waitFor(By.id("escalation-desk"));
    browsers.logIn(leader, "tl1");
    leader.waitFor(By.id("tl-inbox"));
    browsers.signIn(agent, "agent1");

    RingHandle ring = server.pbx().ring("081311112222", "Siti Aminah", "eapp", "Local/agent1@agents/n",
        "Agent One").await(5, TimeUnit.SECONDS);
    agent.waitForText(By.id("pop-caller-number"), "081311112222");
    ring.answer().await(5, TimeUnit.SECONDS);
    String ticketId = agent.driver.findElement(By.id("pop-ticket-id")).getText();
    agent.driver.findElement(By.id("question")).sendKeys("Kode verifikasi e-Filing tidak pernah masuk ke email.");
    agent.driver.findElement(By.id("save-ticket")).click();
    agent.waitForText(By.id("form-message"), "Tersimpan");

    // One click from the live ticket: ask the team leader.
    agent.waitFor(By.id("wf-ask-question")).sendKeys("Apakah ada gangguan server email DJP hari ini?");
    agent.driver.findElement(By.id("wf-ask")).click();
    agent.waitForText(By.id("wf-status"), "Diskusi dengan Team Leader");

    // The team leader is told at once and opens the thread.
    leader.clickShownCss(".tl-discussion button");
    leader.waitForText(By.id("tl-question"), "gangguan server email");
    leader.driver.findElement(By.id("tl-reply")).sendKeys("Tidak ada info gangguan; eskalasikan ke Direktorat.");
    leader.driver.findElement(By.id("tl-send")).click();

    // The agent sees the reply during the call.
    agent.waitForText(By.id("wf-thread"), "eskalasikan ke Direktorat");
    assertThat(agent.driver.findElement(By.id("call-status")).getAttribute("data-status")).isEqualTo("connected");

    agent.driver.findElement(By.id("wf-escalate-reason")).sendKeys("Kode verifikasi tidak terkirim");
    agent.driver.findElement(By.id("wf-escalate")).click();
    agent.waitForText(By.id("wf-status"), "Dieskalasi");

    // The desk, open all along, shows the escalation without a reload.
    desk.waitFor(By.cssSelector("tr[data-ticket='" + ticketId + "']"));
    desk.waitForText(By.cssSelector("tr[data-ticket='" + ticketId + "'] .desk-status"), "Baru");
    String row = "tr[data-ticket='" + ticketId + "']";
    desk.waitForText(By.cssSelector(row), "Kode verifikasi e-Filing tidak pernah masuk");
    // Each row: caller, agent, age, office time left to the due time, and the team-leader thread before it.
    assertThat(desk.driver.findElement(By.cssSelector(row + " .desk-caller")).getText())
        .contains("081311112222").contains("Siti Aminah");
    assertThat(desk.driver.findElement(By.cssSelector(row + " .desk-agent")).getText()).isEqualTo("agent1");
    assertThat(desk.driver.findElement(By.cssSelector(row + " .desk-age")).getText())
        .matches("kurang dari 1 menit|\\d+ menit");
    assertThat(desk.driver.findElement(By.cssSelector(row + " .desk-left")).getText())
        .matches("(?s)(\\d+ jam( \\d+ menit)?|\\d+ menit|kurang dari 1 menit)\n.+");
    desk.driver.findElement(By.cssSelector(row + " .desk-thread summary")).click();
    desk.waitForText(By.cssSelector(row + " .desk-thread"), "agent1: Apakah ada gangguan server email DJP hari ini?");
    desk.waitForText(By.cssSelector(row + " .desk-thread"), "tl1: Tidak ada info gangguan; eskalasikan ke Direktorat.");
    // The row opens the ticket to read.
    desk.driver.findElement(By.cssSelector(row + " .desk-open")).click();
    desk.waitForText(By.id("ticket-read-title"), "Tiket #" + ticketId);
    desk.waitForText(By.id("ticket-read-question"), "Kode verifikasi e-Filing tidak pernah masuk ke email.");
    desk.waitForText(By.id("ticket-read-timeline"), "Status diubah: Dieskalasi ke Direktorat TIP");
    desk.driver.findElement(By.id("ticket-read-close")).click();

    // The desk forwards to the (demo) directorate, which replies; the desk hands the answer back.
    desk.driver.findElement(By.cssSelector(row + " .desk-forward")).click();
    desk.waitForText(By.cssSelector(row + " .desk-status"), "Diteruskan");
    String inboxItem = "#directorate-inbox [data-escalation]";
    desk.waitFor(By.cssSelector(inboxItem + " textarea"))
        .sendKeys("Gangguan pengiriman email sudah dipulihkan; minta kode ulang.");
    desk.driver.findElement(By.cssSelector(inboxItem + " button")).click();
    desk.waitForText(By.cssSelector(row + " .desk-status"), "Dibalas Direktorat");
    desk.driver.findElement(By.cssSelector(row + " form button")).click();
    desk.waitForText(By.cssSelector(row + " .desk-status"), "Dijawab");

    // The agent sees it live and calls the taxpayer back with one click.
    agent.waitForText(By.id("wf-status"), "Jawaban Direktorat diterima");
    var originate = server.pbx().nextAction("Originate");
    agent.clickShown("wf-callback");
    var action = originate.await(10, TimeUnit.SECONDS);
    assertThat(action.get("Channel")).isEqualTo("Local/agent1@agents/n");
    assertThat(action.get("Context")).isEqualTo("callback");
    assertThat(action.get("Exten")).isEqualTo("081311112222");
    // The panel redraws once the callback is recorded; click on the redrawn one.
    agent.waitForText(By.id("wf-message"), "Panggilan balik tersambung");
    agent.clickShown("wf-delivered");
    agent.waitForText(By.id("wf-status"), "Jawaban disampaikan");
  }
}
