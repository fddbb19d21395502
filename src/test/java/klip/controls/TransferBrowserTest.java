package klip.controls;

import klip.pbx.RingHandle;
import klip.support.Browser;
import klip.support.Browsers;
import klip.support.Sql;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Transferring the live call from the agent desk, in real headless Chromium, with two agents at two desks. */
class TransferBrowserTest {

  @RegisterExtension
  static final Browsers browsers = Browsers.withServer();

  @Test
  @DisplayName("Agent A on a call types, presses Alihkan → Kembali ke antrean (keyboard: Escape closes the menu): "
      + "agent B's desk pops the same ticket with A's typed question and notes; A's desk says the call was "
      + "transferred to the queue; the timeline says agent1 → antrean")
  void transferToQueue() throws Exception {
    TestServer server = browsers.server();
    Browser a = browsers.signIn("agent1");
    Browser b = browsers.signIn(browsers.open(), "agent2");
    RingHandle call = server.pbx().ring("081277700011", "Hendra Gunawan", "eapp", "Local/agent1@agents/n",
        "Agent One").await(5, TimeUnit.SECONDS);
    a.waitForText(By.id("pop-caller-number"), "081277700011");
    call.answer().await(5, TimeUnit.SECONDS);
    a.waitForText(By.id("call-status"), "Tersambung");
    a.driver.findElement(By.id("question")).sendKeys("Tidak bisa login DJP Online setelah ganti nomor HP");
    a.driver.findElement(By.id("notes")).sendKeys("Sudah dicoba lupa kata sandi");

    a.waitFor(By.id("call-transfer")).click();
    assertThat(a.driver.findElement(By.id("call-transfer")).getAttribute("aria-expanded")).isEqualTo("true");
    assertThat(a.driver.switchTo().activeElement().getAttribute("id")).as("focus moves into the menu")
        .isEqualTo("transfer-leader");
    a.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    new WebDriverWait(a.driver, Browser.WAIT).until(ExpectedConditions.invisibilityOfElementLocated(
        By.id("transfer-menu")));
    assertThat(a.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("call-transfer");
    var action = server.pbx().nextAction("BlindTransfer");
    a.driver.findElement(By.id("call-transfer")).click();
    a.waitFor(By.id("transfer-queue")).click();
    assertThat(action.await(10, TimeUnit.SECONDS)).containsEntry("Channel", call.agentChannel())
        .containsEntry("Exten", "queue");

    b.waitForText(By.id("pop-caller-number"), "081277700011");
    new WebDriverWait(b.driver, Browser.WAIT).until(ExpectedConditions.attributeToBe(By.id("question"), "value",
        "Tidak bisa login DJP Online setelah ganti nomor HP"));
    assertThat(b.driver.findElement(By.id("notes")).getAttribute("value")).isEqualTo("Sudah dicoba lupa kata sandi");
    b.waitForText(By.id("call-status"), "Tersambung");
    a.waitForText(By.id("call-status"), "Panggilan dialihkan ke antrean");
    assertThat(a.driver.findElement(By.id("call-transfer")).isDisplayed()).isFalse();

    long ticketId = Sql.rows(server.server.pool(), "SELECT id FROM tickets WHERE call_id = $1", call.linkedid())
        .get(0).getLong("id");
    assertThat(Sql.rows(server.server.pool(), "SELECT agent_username, question FROM tickets WHERE id = $1", ticketId))
        .singleElement().satisfies(r -> assertThat(r.getString("agent_username")).isEqualTo("agent2"))
        .satisfies(r -> assertThat(r.getString("question")).startsWith("Tidak bisa login"));
    assertThat(Sql.rows(server.server.pool(), "SELECT detail->>'from' AS f, detail->>'to' AS t FROM ticket_events "
        + "WHERE ticket_id = $1 AND kind = 'call_transferred'", ticketId)).singleElement()
        .satisfies(r -> assertThat(r.getString("f") + "→" + r.getString("t")).isEqualTo("agent1→queue"));
    call.hangup().await(5, TimeUnit.SECONDS);
    b.waitForText(By.id("call-status"), "Selesai");
  }

  @Test
  @DisplayName("Agent A presses Alihkan → Team Leader: the leader, looking at the board, is told the call is put "
      + "through to them and opens it on their desk with A's typed question; A's desk names the leader")
  void transferToLeaderReachesTheBoard() throws Exception {
    TestServer server = browsers.server();
    Browser a = browsers.signIn("agent1");
    Browser leader = browsers.signIn(browsers.open(), "tl1");
    leader.waitFor(By.id("board"));
    RingHandle call = server.pbx().ring("081277700012", "Ratna Sari", "eapp", "Local/agent1@agents/n",
        "Agent One").await(5, TimeUnit.SECONDS);
    a.waitForText(By.id("pop-caller-number"), "081277700012");
    call.answer().await(5, TimeUnit.SECONDS);
    a.waitForText(By.id("call-status"), "Tersambung");
    a.driver.findElement(By.id("question")).sendKeys("Bukti potong tidak muncul di e-Bupot");

    a.clickShown("call-transfer");
    a.clickShown("transfer-leader");

    leader.waitForText(By.id("board-call-for-you"), "081277700012");
    leader.clickShown("board-open-desk");
    leader.waitForText(By.id("pop-caller-number"), "081277700012");
    new WebDriverWait(leader.driver, Browser.WAIT).until(ExpectedConditions.attributeToBe(By.id("question"),
        "value", "Bukti potong tidak muncul di e-Bupot"));
    a.waitForText(By.id("call-status"), "Panggilan dialihkan ke");
    call.hangup().await(5, TimeUnit.SECONDS);
    leader.waitForText(By.id("call-status"), "Selesai");
  }
}
