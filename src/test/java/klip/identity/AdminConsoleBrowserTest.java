package klip.identity;

import static org.assertj.core.api.Assertions.assertThat;

import klip.support.Browser;
import klip.support.Browsers;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The admin console in headless Chromium: the user list, adding a user, and checking the audit chain. */
class AdminConsoleBrowserTest {

  @RegisterExtension
  static final Browsers browsers = Browsers.withServer();

  @Test
  @DisplayName("An admin adds a user on the page, who can sign in; admin and quality assessor find the chain intact")
  void adminConsole() {
    TestServer ts = browsers.server();
    Browser browser = browsers.logIn("admin");
    browser.waitFor(By.cssSelector("#users-table tr[data-username='agent1']"));
    browser.driver.findElement(By.id("new-username")).sendKeys("dewi");
    browser.driver.findElement(By.id("new-displayName")).sendKeys("Dewi Lestari");
    browser.driver.findElement(By.id("new-phoneInterface")).sendKeys("PJSIP/1002");
    browser.driver.findElement(By.id("new-password")).sendKeys("dewi-password-2026");
    new Select(browser.driver.findElement(By.cssSelector("#new-user-form select"))).selectByValue("agent");
    browser.driver.findElement(By.cssSelector("#new-user-form button[type=submit]")).click();
    browser.waitFor(By.cssSelector("#users-table tr[data-username='dewi']"));

    HttpSession dewi = HttpSession.login(ts.vertx, ts.port(), "dewi", "dewi-password-2026");
    assertThat(dewi.get("/api/me").bodyAsJsonObject().getString("phoneInterface")).isEqualTo("PJSIP/1002");

    browser.driver.findElement(By.id("tab-audit")).click();
    browser.waitFor(By.id("audit-verify")).click();
    browser.waitForText(By.id("audit-verify-result"), "Rantai utuh");
    assertThat(browser.driver.findElement(By.id("audit-table")).getText()).contains("menambah pengguna")
        .doesNotContain("user.created").doesNotContain("{\"");

    // Quality assessors read the log too, from their console.
    browsers.logIn(browser, "qa1");
    browser.waitFor(By.id("qa-audit-open")).click();
    browser.waitFor(By.id("audit-table"));
    browser.driver.findElement(By.id("audit-verify")).click();
    browser.waitForText(By.id("audit-verify-result"), "Rantai utuh");
  }
}
