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

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent desk on a 768 px wide screen (a tablet, a half-width window): usable without scrolling sideways. */
class NarrowDeskBrowserTest {

  @RegisterExtension
  static final Browsers browsers = Browsers.withServer();

  @Test
  @DisplayName("At 768×1024 with a live call the page does not scroll sideways and every visible control of the "
      + "desk lies within the window")
  void deskFitsAt768() throws Exception {
    TestServer server = browsers.server();
    Browser agent = browsers.open();
    agent.fitViewport(768, 1024);
    agent.loginConnected(server.port(), "agent1");
    RingHandle ring = server.pbx().ring("081234567001", "Budi Santoso", "eapp", "Local/agent1@agents/n",
        "Agent One").await(5, TimeUnit.SECONDS);
    agent.waitForText(By.id("pop-caller-number"), "081234567001");
    ring.answer().await(5, TimeUnit.SECONDS);
    agent.waitForText(By.id("call-status"), "Tersambung");
    agent.waitFor(By.id("wf-status"));
    agent.waitFor(By.id("ticket-search"));
    JavascriptExecutor js = (JavascriptExecutor) agent.driver;
    assertThat(((Number) js.executeScript("return window.innerWidth")).intValue()).isEqualTo(768);
    assertThat(((Number) js.executeScript("return document.documentElement.scrollWidth")).intValue())
        .as("page width at a 768 px window").isLessThanOrEqualTo(768);
    @SuppressWarnings("unchecked")
    List<String> outside = (List<String>) js.executeScript("""
        return [...document.querySelectorAll('#main button, #main input, #main select, #main textarea')]
          .filter((e) => e.offsetParent !== null)
          .filter((e) => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > window.innerWidth + 0.5; })
          .map((e) => `${e.tagName}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`);""");
    assertThat(outside).as("controls reaching past the window's right edge").isEmpty();
    ring.hangup().await(5, TimeUnit.SECONDS);
  }
}
