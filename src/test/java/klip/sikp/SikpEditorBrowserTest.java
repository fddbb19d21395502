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

  @Test
  @DisplayName("An admin imports a JSONL file on the page: the progress bar fills, the bad line is listed by number")
  void importPage() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("sikp-import", ".jsonl");
    java.nio.file.Files.writeString(file, String.join("\n",
        "{\"id\": \"SIKP-WEB-0001\", \"app\": \"Umum\", \"title\": \"Uji impor halaman\", \"answer\": \"Jawaban.\"}",
        "{rusak",
        "{\"id\": \"SIKP-WEB-0002\", \"app\": \"Umum\", \"title\": \"Uji impor kedua\", \"answer\": \"Jawaban.\"}"));
    browser.driver.manage().deleteAllCookies();
    browser.login(server.port(), "admin");
    browser.waitFor(By.id("sikp-import-file"), Duration.ofSeconds(10)).sendKeys(file.toString());
    browser.driver.findElement(By.id("sikp-import-start")).click();
    browser.waitForText(By.id("sikp-import-status"), "selesai", Duration.ofSeconds(10));
    WebElement bar = browser.driver.findElement(By.id("sikp-import-progress"));
    assertThat(bar.getAttribute("value")).isEqualTo(bar.getAttribute("max")).isEqualTo("3");
    assertThat(browser.driver.findElement(By.id("sikp-import-status")).getText()).contains("baru 2");
    assertThat(browser.driver.findElement(By.id("sikp-import-errors")).getText()).startsWith("Baris 2:");
  }
}
