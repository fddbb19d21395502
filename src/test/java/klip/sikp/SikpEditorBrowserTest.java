package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import klip.support.Browser;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The QA section's SIKP page in real headless Chromium: edit a published article, see the new version's diff. */
class SikpEditorBrowserTest {

  private static TestServer server;
  private static Browser browser;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    browser = Browser.start();
  }

  @AfterAll
  static void stop() {
    browser.close();
    server.close();
  }

  @Test
  @DisplayName("An SIKP editor edits a published article's answer; the history shows version 2 with the added "
      + "words as an insertion, and suggestions carry version 2 at once")
  void editAndDiff() {
    browser.login(server.port(), "editor1");
    browser.waitFor(By.id("sikp-tab-published"), Duration.ofSeconds(10)).click();
    browser.waitFor(By.cssSelector("#sikp-article-list li[data-sikp-id]"), Duration.ofSeconds(10));
    browser.driver.findElement(By.id("sikp-filter")).sendKeys("SIKP-EFL-0001");
    browser.waitFor(By.cssSelector("#sikp-article-list li[data-sikp-id='SIKP-EFL-0001'] button"),
        Duration.ofSeconds(5)).click();
    WebElement answer = browser.waitFor(By.id("sikp-edit-answer"), Duration.ofSeconds(5));
    answer.sendKeys(" Tambahan kalimat uji penyunting.");
    browser.driver.findElement(By.id("sikp-save")).click();
    browser.waitForText(By.cssSelector("#sikp-edit h3"), "v2", Duration.ofSeconds(5));
    browser.waitFor(By.cssSelector("#sikp-history button"), Duration.ofSeconds(5)).click();
    browser.waitForText(By.cssSelector("#sikp-diff ins"), "Tambahan", Duration.ofSeconds(5));

    JsonObject hit = server.login("agent1").get("/api/sikp/suggest?q=penyunting").bodyAsJsonArray().getJsonObject(0);
    assertThat(hit.getString("id")).isEqualTo("SIKP-EFL-0001");
    assertThat(hit.getInteger("version")).isEqualTo(2);
  }
}
