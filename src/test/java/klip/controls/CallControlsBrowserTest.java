package klip.controls;

import klip.pbx.RingHandle;
import klip.support.Browser;
import klip.support.Browsers;
import klip.support.HttpSession;
import klip.support.Sql;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The call on the agent desk in real headless Chromium: talk and after-call-work timers, hanging up over AMI. */
class CallControlsBrowserTest {

  @RegisterExtension
  static final Browsers browsers = Browsers.withServer();

  @Test
  @DisplayName("Talk time counts from the answer as the server stamped it, also after a reload; after the hang-up "
      + "the after-call-work timer runs from the end until the ticket is answered, then stops")
  void talkAndAfterCallWork() throws Exception {
    TestServer server = browsers.server();
    Browser agent = browsers.signIn("agent1");
    RingHandle call = answeredCall(server, agent, "081311110002", "Dewi Lestari");
    agent.waitForText(By.id("call-timer"), "Durasi bicara");
    long answered = stamp(server, call, "answered_at");
    assertThat(since(agent, "call-timer")).isEqualTo(answered);
    assertThat(agent.driver.findElement(By.id("call-timer")).getText()).matches("Durasi bicara \\d\\d:\\d\\d");

    agent.driver.navigate().refresh();
    agent.waitForText(By.id("call-timer"), "Durasi bicara");
    assertThat(since(agent, "call-timer")).as("counted from the same answer after a reload")
        .isEqualTo(answered);
    assertThat(agent.driver.findElement(By.id("acw-timer")).isDisplayed()).isFalse();

    call.hangup().await(5, TimeUnit.SECONDS);
    agent.waitForText(By.id("acw-timer"), "Pasca-panggilan");
    assertThat(since(agent, "acw-timer")).isEqualTo(stamp(server, call, "ended_at"));
    assertThat(agent.driver.findElement(By.id("acw-timer")).getAttribute("data-running")).isEqualTo("true");

    agent.waitFor(By.id("wf-answer-text")).sendKeys("Kode billing dibuat lewat e-Billing DJP Online.");
    new Select(agent.driver.findElement(By.id("wf-source"))).selectByValue("discussion");
    agent.driver.findElement(By.id("wf-answer-submit")).click();
    agent.waitForText(By.id("wf-status"), "Terjawab");
    new WebDriverWait(agent.driver, Browser.WAIT).until(ExpectedConditions.attributeToBe(By.id("acw-timer"),
        "data-running", "false"));
    assertThat(agent.driver.findElement(By.id("acw-timer")).getText()).matches("Pasca-panggilan selesai \\d\\d:\\d\\d");
  }

  @Test
  @DisplayName("Tutup panggilan hangs up the agent's channel over AMI: the call ends on the desk, the timeline says the "
      + "agent hung up; a call already gone gets 409, someone else's ticket 403, an unknown one 404")
  void hangUp() throws Exception {
    TestServer server = browsers.server();
    Browser agent = browsers.signIn("agent1");
    RingHandle call = answeredCall(server, agent, "081233344455", "Nur Aini");
    var hangup = server.pbx().nextAction("Hangup");
    agent.waitFor(By.id("call-hangup")).click();
    assertThat(hangup.await(10, TimeUnit.SECONDS)).containsEntry("Channel", call.agentChannel());
    agent.waitForText(By.id("call-status"), "Selesai");
    // The desk's own save at the end of the call (taxpayer, form) lands before the test finishes the ticket.
    agent.waitForText(By.id("form-message"), "Tersimpan otomatis");
    agent.waitForText(By.id("call-control-message"), "Panggilan ditutup");
    assertThat(agent.driver.findElement(By.id("call-hangup")).isDisplayed()).isFalse();

    long ticketId = ticketOf(server, call);
    assertThat(Sql.rows(server.server.pool(), "SELECT actor, detail->>'channel' AS channel FROM ticket_events "
        + "WHERE ticket_id = $1 AND kind = 'agent_hangup'", ticketId)).singleElement()
        .satisfies(r -> assertThat(r.getString("actor")).isEqualTo("agent1"))
        .satisfies(r -> assertThat(r.getString("channel")).isEqualTo(call.agentChannel()));
    HttpSession api = server.login("agent1");
    var again = api.post("/api/tickets/" + ticketId + "/hangup", null);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("error")).contains("sudah berakhir");
    assertThat(server.login("agent2").post("/api/tickets/" + ticketId + "/hangup", null).statusCode()).isEqualTo(403);
    assertThat(api.post("/api/tickets/999999/hangup", null).statusCode()).isEqualTo(404);
    assertThat(api.post("/api/tickets/abc/hangup", null).statusCode()).isEqualTo(400);

    finish(server, api, ticketId);
  }

  @Test
  @DisplayName("Tahan redirects caller and agent to the hold context (AMI Redirect), the caller hears music on hold, "
      + "also shown after a reload; Lanjutkan bridges them again (AMI Bridge); both on the timeline; a second unhold gets 409")
  void holdAndResume() throws Exception {
    TestServer server = browsers.server();
    Browser agent = browsers.signIn("agent1");
    RingHandle call = answeredCall(server, agent, "081311110001", "Agus Wibowo");
    var redirect = server.pbx().nextAction("Redirect");
    agent.waitFor(By.id("call-hold")).click();
    // AMI header names are case-insensitive (asterisk-java writes "Extrachannel").
    Map<String, String> hold = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    hold.putAll(redirect.await(10, TimeUnit.SECONDS));
    assertThat(hold).containsEntry("ExtraChannel", call.agentChannel()).containsEntry("Context", "klip-hold")
        .containsEntry("Exten", "caller").containsEntry("ExtraExten", "agent");
    assertThat(hold.get("Channel")).as("the caller's queued leg").startsWith("Local/1500200@from-pstn-").endsWith(";2");
    agent.waitFor(By.id("call-held"));
    agent.waitForText(By.id("call-hold"), "Lanjutkan");
    // A reload still knows the call is on hold: the timeline says so.
    agent.driver.navigate().refresh();
    agent.waitFor(By.id("call-held"));
    agent.waitForText(By.id("call-hold"), "Lanjutkan");

    var bridge = server.pbx().nextAction("Bridge");
    agent.driver.findElement(By.id("call-hold")).click();
    assertThat(bridge.await(10, TimeUnit.SECONDS)).containsEntry("Channel1", hold.get("Channel"))
        .containsEntry("Channel2", call.agentChannel());
    agent.waitForText(By.id("call-hold"), "Tahan");
    agent.waitForText(By.id("call-control-message"), "Tersambung kembali");
    assertThat(agent.driver.findElement(By.id("call-held")).isDisplayed()).isFalse();

    long ticketId = ticketOf(server, call);
    assertThat(Sql.rows(server.server.pool(), "SELECT kind FROM ticket_events WHERE ticket_id = $1 AND kind LIKE "
        + "'call_%hold' ORDER BY id", ticketId).stream().map(r -> r.getString("kind")).toList())
        .containsExactly("call_hold", "call_unhold");
    HttpSession api = server.login("agent1");
    var notHeld = api.post("/api/tickets/" + ticketId + "/unhold", null);
    assertThat(notHeld.statusCode()).isEqualTo(409);
    assertThat(notHeld.bodyAsJsonObject().getString("error")).contains("tidak sedang ditahan");

    call.hangup().await(5, TimeUnit.SECONDS);
    agent.waitForText(By.id("call-status"), "Selesai");
    // The desk's own save at the end of the call (taxpayer, form) lands before the test finishes the ticket.
    agent.waitForText(By.id("form-message"), "Tersimpan otomatis");
    assertThat(api.post("/api/tickets/" + ticketId + "/hold", null).statusCode()).isEqualTo(409);
    finish(server, api, ticketId);
  }

  private static RingHandle answeredCall(TestServer server, Browser agent, String number, String name)
      throws Exception {
    RingHandle call = server.pbx().ring(number, name, "eapp", "Local/agent1@agents/n", "Agent One")
        .await(5, TimeUnit.SECONDS);
    agent.waitForText(By.id("pop-caller-number"), number);
    call.answer().await(5, TimeUnit.SECONDS);
    return call;
  }

  private static long ticketOf(TestServer server, RingHandle call) {
    return Sql.rows(server.server.pool(), "SELECT id FROM tickets WHERE call_id = $1", call.linkedid()).get(0)
        .getLong("id");
  }

  /** The ticket is answered, so the desk is empty for the next journey. */
  private static void finish(TestServer server, HttpSession api, long ticketId) {
    int version = Sql.rows(server.server.pool(), "SELECT version FROM tickets WHERE id = $1", ticketId).get(0)
        .getInteger("version");
    assertThat(api.post("/api/tickets/" + ticketId + "/transitions", new io.vertx.core.json.JsonObject()
        .put("to", "answered").put("version", version).put("answer", "Dijawab langsung.").put("source", "discussion"))
        .statusCode()).isEqualTo(200);
  }

  /** The ticket's stamp in epoch ms: the push that shows the timer comes after its commit, so it is there. */
  private static long stamp(TestServer server, RingHandle call, String column) {
    return Sql.rows(server.server.pool(), "SELECT floor(extract(epoch FROM " + column + ") * 1000)::bigint AS ms "
        + "FROM tickets WHERE call_id = $1", call.linkedid()).get(0).getLong("ms");
  }

  private static long since(Browser browser, String id) {
    return Instant.parse(browser.driver.findElement(By.id(id)).getAttribute("data-since")).toEpochMilli();
  }
}
