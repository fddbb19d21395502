package klip.support;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;

/**
 * Real headless Chromium (Debian's chromium and chromium-driver) driven by Selenium, with a fresh profile:
 * nothing is downloaded at test time.
 */
public final class Browser implements AutoCloseable {

  /**
   * How long a page may take to show what a test waits for: a deadline after which the test fails, never a
   * figure the test measures, so it is generous enough for a machine loaded by parallel builds.
   */
  public static final Duration WAIT = Duration.ofSeconds(30);

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
      // Keeps the page's console, which a failed test saves next to its screenshot.
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
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
    waitFor(By.id("username")).sendKeys(username);
    driver.findElement(By.id("password")).sendKeys("klip-" + username);
    driver.findElement(By.id("login-button")).click();
  }

  /** Signs in and waits until the page's event-bus connection is up, so pushes from now on reach it. */
  public void loginConnected(int port, String username) {
    login(port, username);
    waitForText(By.id("bus-state"), "Terhubung");
  }

  /** Forgets the session cookie, so the next sign-in starts from the login form. */
  public void signOut() {
    if (driver.getCurrentUrl().startsWith("http")) {
      driver.manage().deleteAllCookies();
    }
  }

  /** Waits up to {@link #WAIT} for the element to be visible. */
  public WebElement waitFor(By by) {
    return waitFor(by, WAIT);
  }

  /** Waits up to {@link #WAIT} for the text to be in the element. */
  public void waitForText(By by, String text) {
    waitForText(by, text, WAIT);
  }

  public WebElement waitFor(By by, Duration timeout) {
    return new WebDriverWait(driver, timeout).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  public void waitForText(By by, String text, Duration timeout) {
    new WebDriverWait(driver, timeout).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  /**
   * Clicks the button with this id as it is on the page now. Panels redraw on pushes; a WebDriver click looks the
   * element up and clicks it in two round trips, between which a redraw can replace it (a stale reference). As a
   * person would, this clicks whichever button is shown: looked up and clicked in one turn of the page's script.
   */
  public void clickShown(String id) {
    waitFor(By.id(id));
    Object clicked = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
        "const b = document.getElementById(arguments[0]); if (!b || b.disabled) return false; b.click(); return true;",
        id);
    if (!Boolean.TRUE.equals(clicked)) {
      throw new AssertionError("#" + id + " is not on the page or disabled");
    }
  }

  /**
   * Clicks the element the CSS selector matches now, found and clicked in one script turn: for rows a push
   * redraws (the board), where an element found by one WebDriver call can be replaced before the next clicks it.
   */
  public void clickShownCss(String css) {
    waitFor(By.cssSelector(css));
    Object clicked = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
        "const b = document.querySelector(arguments[0]); if (!b || b.disabled) return false; b.click(); return true;",
        css);
    if (!Boolean.TRUE.equals(clicked)) {
      throw new AssertionError(css + " is not on the page or disabled");
    }
  }

  /** Sizes the window so that the page itself (the viewport) is width × height CSS pixels. */
  public void fitViewport(int width, int height) {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) driver;
    long innerWidth = ((Number) js.executeScript("return window.innerWidth")).longValue();
    long innerHeight = ((Number) js.executeScript("return window.innerHeight")).longValue();
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(2 * width - (int) innerWidth,
        2 * height - (int) innerHeight));
  }

  /**
   * Saves what a failed test needs to see: {@code target/test-logs/<name>.png} (the screenshot),
   * {@code <name>.console.txt} (the page's console) and {@code <name>.page.txt} (URL and visible text), and
   * prints the console and the text.
   */
  public void saveEvidence(String name) {
    Path dir = Path.of("target", "test-logs");
    StringBuilder console = new StringBuilder();
    String page;
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      driver.manage().logs().get(LogType.BROWSER).forEach(e -> console.append(e.getLevel()).append(' ')
          .append(e.getMessage()).append('\n'));
      page = driver.getCurrentUrl() + "\n" + driver.findElement(By.tagName("body")).getText();
      Files.writeString(dir.resolve(name + ".console.txt"), console);
      Files.writeString(dir.resolve(name + ".page.txt"), page);
    } catch (IOException | RuntimeException e) {
      System.err.println("---- " + name + ": browser evidence not saved: " + e.getMessage());
      return;
    }
    System.err.println("---- " + name + ": screenshot " + dir.resolve(name + ".png") + "; browser console:");
    System.err.print(console.length() == 0 ? "(empty)\n" : console);
    System.err.println("---- " + name + ": page " + page.replace("\n", "\n    "));
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
