package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import klip.pbx.RingHandle;
import klip.support.Browser;
import klip.support.Browsers;
import klip.support.Sql;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** SIKP on the agent desktop in real headless Chromium: suggestions while typing, then answering from one. */
class SikpDeskBrowserTest {

  @RegisterExtension
  static final Browsers browsers = Browsers.withServer();

  @Test
  @DisplayName("Typing the question shows live suggestions for the chosen application with highlighted words; "
      + "choosing one records its article number and version on the ticket")
  void typeChooseRecord() throws Exception {
    TestServer server = browsers.server();
    Browser browser = browsers.signIn("agent1");
    RingHandle ring = server.pbx().ring("081234567001", "Budi Santoso", "eapp", "Local/agent1@agents/n",
        "Agent One").await(5, TimeUnit.SECONDS);
    browser.waitForText(By.id("pop-caller-number"), "081234567001");
    ring.answer().await(5, TimeUnit.SECONDS);
    long ticketId = Long.parseLong(browser.driver.findElement(By.id("pop-ticket-id")).getText());

    new Select(browser.driver.findElement(By.id("application"))).selectByValue("e-Filing");
    browser.driver.findElement(By.id("question")).sendKeys("wp lupa efin gmn");
    WebDriverWait wait = new WebDriverWait(browser.driver, Browser.WAIT);
    wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#sikp-suggestions li.sikp-suggestion"), 0));
    List<WebElement> items = browser.driver.findElements(By.cssSelector("#sikp-suggestions li.sikp-suggestion"));
    assertThat(items).hasSizeBetween(1, 5);
    assertThat(items.get(0).getText()).contains("e-Filing").contains("SIKP-EFL-");
    // Matched words are real <mark> elements, not markup shown as text.
    assertThat(browser.driver.findElements(By.cssSelector("#sikp-suggestions .sikp-snippet mark"))).isNotEmpty();
    assertThat(browser.driver.findElement(By.id("sikp-suggestions")).getText()).doesNotContain("<mark>");

    // "Not in SIKP" leads to the team-leader discussion form, with the question carried over.
    browser.driver.findElement(By.id("sikp-not-found")).click();
    assertThat(browser.waitFor(By.id("wf-ask-question")).getAttribute("value"))
        .isEqualTo("wp lupa efin gmn");

    items = browser.driver.findElements(By.cssSelector("#sikp-suggestions li.sikp-suggestion"));
    String articleId = items.get(0).getAttribute("data-sikp-id");
    long number = Long.parseLong(items.get(0).getAttribute("data-sikp-article"));
    items.get(0).findElement(By.cssSelector("button.sikp-open")).click();
    browser.waitFor(By.id("sikp-answer"));
    assertThat(browser.driver.findElement(By.id("sikp-answer")).getText()).isNotBlank();
    browser.driver.findElement(By.id("sikp-use")).click();
    browser.waitForText(By.id("sikp-message"), articleId);

    List<JsonObject> rows = Sql.rows(server.server.pool(), "SELECT status, answer_source, answer_article_id, "
        + "answer_article_version, question, application FROM tickets WHERE id = $1", ticketId);
    assertThat(rows.get(0).getString("status")).isEqualTo("answered");
    assertThat(rows.get(0).getString("answer_source")).isEqualTo("sikp");
    assertThat(rows.get(0).getLong("answer_article_id")).isEqualTo(number);
    assertThat(rows.get(0).getInteger("answer_article_version")).isEqualTo(1);
    assertThat(rows.get(0).getString("question")).isEqualTo("wp lupa efin gmn");
    assertThat(rows.get(0).getString("application")).isEqualTo("e-Filing");
    ring.hangup().await(5, TimeUnit.SECONDS);
  }
}
