package klip.tickets;

import io.vertx.core.json.JsonObject;
import klip.pbx.RingHandle;
import klip.support.Browser;
import klip.support.Browsers;
import klip.support.Sql;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent's whole first minute in real headless Chromium: sign in, a call rings, it pops, the form is saved. */
class AgentPopBrowserTest {

  @RegisterExtension
  static final Browsers browsers = Browsers.withServer();

  @Test
  @DisplayName("An agent signs in, a call rings at their phone, the ticket pops, and the "
      + "question typed and saved is in PostgreSQL")
  void ringPopTypeSave() throws Exception {
    TestServer server = browsers.server();
    Browser browser = browsers.signIn("agent1");

    // A first call that ends unanswered: the next call's pop replaces it on the desk. (How fast a pop arrives
    // is measured by bench/run-popbench.sh, not here.)
    RingHandle warmUp = server.pbx().ring("081234567001", "Budi Santoso", "eapp", "Local/agent1@agents/n",
        "Agent One").await(5, TimeUnit.SECONDS);
    browser.waitForText(By.id("pop-caller-number"), "081234567001");
    warmUp.hangup().await(5, TimeUnit.SECONDS);
    browser.waitForText(By.id("call-status"), "Tidak terjawab");

    RingHandle ring = server.pbx().ring("6281266677788", "KKP Hadi dan Rekan", "eapp", "Local/agent1@agents/n",
        "Agent One").await(5, TimeUnit.SECONDS);
    browser.waitForText(By.id("pop-caller-number"), "6281266677788");

    // One number, three taxpayers (a tax consultant and two clients): the pop lists them to choose from.
    assertThat(browser.driver.findElements(By.cssSelector("#taxpayers input[type=radio]"))).hasSize(3);
    String ticketId = browser.driver.findElement(By.id("pop-ticket-id")).getText();

    new Select(browser.driver.findElement(By.id("application"))).selectByValue("e-Filing");
    browser.driver.findElement(By.id("question")).sendKeys("Bagaimana cara lapor SPT tahunan badan lewat e-Filing?");
    browser.driver.findElement(By.id("save-ticket")).click();
    browser.waitForText(By.id("form-message"), "Tersimpan");

    List<JsonObject> rows = Sql.rows(server.server.pool(),
        "SELECT application, question, agent_username, call_id FROM tickets WHERE id = $1", Long.parseLong(ticketId));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getString("application")).isEqualTo("e-Filing");
    assertThat(rows.get(0).getString("question")).isEqualTo("Bagaimana cara lapor SPT tahunan badan lewat e-Filing?");
    assertThat(rows.get(0).getString("agent_username")).isEqualTo("agent1");
    assertThat(rows.get(0).getString("call_id")).isEqualTo(ring.linkedid());
    // The browser acknowledged the pop, so its latency is recorded.
    assertThat(Sql.rows(server.server.pool(), "SELECT ack_latency_ms FROM pops WHERE ticket_id = $1 AND acked_at IS "
        + "NOT NULL", Long.parseLong(ticketId))).hasSize(1);

    ring.answer().await(5, TimeUnit.SECONDS);
    browser.waitForText(By.id("call-status"), "Tersambung");
  }
}
