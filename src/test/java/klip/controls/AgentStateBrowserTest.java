package klip.controls;

import io.vertx.core.json.JsonObject;
import klip.pbx.QueueMemberState;
import klip.pbx.RingHandle;
import klip.support.Browser;
import klip.support.Browsers;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's own state, set at the desk in real headless Chromium and carried out by the PBX over AMI. */
class AgentStateBrowserTest {

  private static final String AGENT1 = "Local/agent1@agents/n";

  @RegisterExtension
  static final Browsers browsers = Browsers.withServer();

  @Test
  @DisplayName("The agent goes on a prayer break: the PBX receives QueuePause with the reason, the desk shows the "
      + "break with its time also after a reload, the board shows it, the queue rings the other agent; back to ready")
  void breakAndBack() throws Exception {
    TestServer server = browsers.server();
    Browser agent = browsers.signIn("agent1");
    Browser leader = browsers.signIn(browsers.open(), "tl1");
    agent.waitForText(By.id("agent-state-label"), "Siap");
    // Only changes are awaited on the board: its first view of the members can predate the start-up resync.
    By boardState = By.cssSelector("[data-agent=agent1] .agent-state");
    leader.waitFor(boardState);

    var pause = server.pbx().nextAction("QueuePause");
    new Select(agent.driver.findElement(By.id("agent-state-choice"))).selectByValue("break:prayer");
    Map<String, String> action = pause.await(10, TimeUnit.SECONDS);
    assertThat(action).containsEntry("Interface", AGENT1).containsEntry("Paused", "true")
        .containsEntry("Reason", "prayer");
    agent.waitForText(By.id("agent-state-label"), "Istirahat: sholat");
    leader.waitForText(boardState, "Jeda — sholat");
    assertThat(server.pbx().members("eapp").await(5, TimeUnit.SECONDS).stream()
        .filter(m -> m.iface().equals(AGENT1)).map(QueueMemberState::paused).findFirst()).contains(true);

    // A paused agent gets no queue call: the next one rings the other member.
    RingHandle next = server.pbx().ringNextAvailable("081234567001", "Budi Santoso").await(5, TimeUnit.SECONDS);
    assertThat(next.iface()).isEqualTo("Local/agent2@agents/n");
    next.hangup().await(5, TimeUnit.SECONDS);

    // The state is the queue's, not the page's: a reload shows the same break, timed from the same moment.
    String since = agent.driver.findElement(By.id("agent-state-timer")).getText();
    agent.driver.navigate().refresh();
    agent.waitForText(By.id("agent-state-label"), "Istirahat: sholat");
    assertThat(agent.driver.findElement(By.id("agent-state-timer")).getText()).matches("\\d\\d:\\d\\d")
        .isGreaterThanOrEqualTo(since);

    var unpause = server.pbx().nextAction("QueuePause");
    new Select(agent.driver.findElement(By.id("agent-state-choice"))).selectByValue("ready");
    assertThat(unpause.await(10, TimeUnit.SECONDS)).containsEntry("Interface", AGENT1).containsEntry("Paused", "false");
    agent.waitForText(By.id("agent-state-label"), "Siap");
    leader.waitForText(boardState, "Tersedia");
  }

  @Test
  @DisplayName("Setting the state is validated: an unknown state or reason, a break without reason get 400 in "
      + "Indonesian; a phone in no queue gets 409, other roles 403; not ready pauses with its own reason")
  void validated() {
    TestServer server = browsers.server();
    HttpSession agent = server.login("agent2");
    assertThat(agent.put("/api/agent/state", new JsonObject().put("state", "lunch")).statusCode()).isEqualTo(400);
    assertThat(agent.put("/api/agent/state", new JsonObject().put("state", "break").put("reason", "nap"))
        .statusCode()).isEqualTo(400);
    var noReason = agent.put("/api/agent/state", new JsonObject().put("state", "break"));
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertThat(noReason.bodyAsJsonObject().getString("error")).contains("alasan istirahat");

    var notReady = agent.put("/api/agent/state", new JsonObject().put("state", "not_ready"));
    assertThat(notReady.statusCode()).isEqualTo(200);
    assertThat(notReady.bodyAsJsonObject().getString("reason")).isEqualTo("not_ready");
    assertThat(agent.put("/api/agent/state", new JsonObject().put("state", "ready")).statusCode()).isEqualTo(200);

    var notMember = server.login("tl1").put("/api/agent/state", new JsonObject().put("state", "ready"));
    assertThat(notMember.statusCode()).as("PJSIP/2001 is in no queue").isEqualTo(409);
    assertThat(notMember.bodyAsJsonObject().getString("error")).contains("bukan anggota antrean");

    HttpSession escalation = server.login("eskalasi1");
    assertThat(escalation.put("/api/agent/state", new JsonObject().put("state", "ready")).statusCode())
        .isEqualTo(403);
  }
}
