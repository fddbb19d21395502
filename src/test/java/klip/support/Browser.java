package klip.support;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Real headless Chromium (Debian's chromium and chromium-driver) driven by Selenium, with a fresh profile:
 * nothing is downloaded at test time.
 */
public final class Browser implements AutoCloseable {

  public final WebDriver driver;
  private final Path profile;

  private Browser(WebDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  public static Browser start() {
    try {
      Path profile = Files.createTempDirectory("klip-chromium");
      ChromeOptions options = new ChromeOptions();
      options.setBinary("/usr/bin/chromium");
      options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-dev-shm-usage", "--autoplay-policy=no-user-gesture-required",
          "--user-data-dir=" + profile, "--window-size=1400,1000");
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File("/usr/bin/chromedriver"))
          .usingAnyFreePort()
          .build();
      return new Browser(new ChromeDriver(service, options), profile);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public void open(int port, String path) {
    driver.get("http://127.0.0.1:" + port + path);
  }

  /** Signs in through the page's own login form. */
  public void login(int port, String username) {
    open(port, "/");
    waitFor(By.id("username"), Duration.ofSeconds(10)).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys("klip-" + username);
    driver.findElement(By.id("login-button")).click();
  }

  /** Signs in and waits until the page's event-bus connection is up, so pushes from now on reach it. */
  public void loginConnected(int port, String username) {
    login(port, username);
    waitForText(By.id("bus-state"), "Terhubung", Duration.ofSeconds(10));
  }

  public WebElement waitFor(By by, Duration timeout) {
    return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  public void waitForText(By by, String text, Duration timeout) {
    new WebDriverWait(driver, timeout).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp profile left behind is harmless
    }
  }
}
