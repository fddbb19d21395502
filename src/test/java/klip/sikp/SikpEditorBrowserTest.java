package klip.sikp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import klip.support.Browser;
import klip.support.Browsers;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The QA section's SIKP page in real headless Chromium: edit a published article, see the new version's diff. */
class SikpEditorBrowserTest {

  @RegisterExtension
  static final Browsers browsers = Browsers.withServer();

  @Test
  @DisplayName("An SIKP editor edits a published article's answer; the history shows version 2 with the added "
      + "words as an insertion, and suggestions carry version 2 at once")
  void editAndDiff() {
    TestServer server = browsers.server();
    Browser browser = browsers.logIn("editor1");
    browser.waitFor(By.id("sikp-tab-published")).click();
    browser.waitFor(By.cssSelector("#sikp-article-list li[data-sikp-id]"));
    browser.driver.findElement(By.id("sikp-filter")).sendKeys("SIKP-EFL-0001");
    browser.waitFor(By.cssSelector("#sikp-article-list li[data-sikp-id='SIKP-EFL-0001'] button")).click();
    WebElement answer = browser.waitFor(By.id("sikp-edit-answer"));
    answer.sendKeys(" Tambahan kalimat uji penyunting.");
    browser.driver.findElement(By.id("sikp-save")).click();
    browser.waitForText(By.cssSelector("#sikp-edit h3"), "v2");
    browser.waitFor(By.cssSelector("#sikp-history button")).click();
    browser.waitForText(By.cssSelector("#sikp-diff ins"), "Tambahan");

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
    Browser browser = browsers.logIn("admin");
    browser.waitFor(By.id("sikp-import-file")).sendKeys(file.toString());
    browser.driver.findElement(By.id("sikp-import-start")).click();
    browser.waitForText(By.id("sikp-import-status"), "selesai");
    WebElement bar = browser.driver.findElement(By.id("sikp-import-progress"));
    assertThat(bar.getAttribute("value")).isEqualTo(bar.getAttribute("max")).isEqualTo("3");
    assertThat(browser.driver.findElement(By.id("sikp-import-status")).getText()).contains("baru 2");
    assertThat(browser.driver.findElement(By.id("sikp-import-errors")).getText()).startsWith("Baris 2:");
  }
}
