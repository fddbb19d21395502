package klip.support;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.util.ArrayList;
import java.util.List;

/**
 * The set-up of a browser test, as a JUnit 5 extension: one server per test class, headless Chromium started
 * on demand (each with a fresh profile and the required flags, see {@link Browser}), signed in through the
 * page, and everything closed after the class. When a test fails, each open browser's screenshot, console
 * and visible text are saved to {@code target/test-logs/} and the console and text printed under the failure.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final Browsers browsers = Browsers.withServer();          // or withServer(overrides)
 *
 * &#64;Test
 * void pops() {
 *   Browser agent = browsers.signIn("agent1");                    // signed in, event bus connected
 *   browsers.server().pbx().ring(...);
 * }
 * </pre>
 */
public final class Browsers implements BeforeAllCallback, AfterAllCallback, TestWatcher {

  private final JsonObject overrides;
  private final List<Browser> open = new ArrayList<>();
  private TestServer server;

  private Browsers(JsonObject overrides) {
    this.overrides = overrides;
  }

  /** A server with the test defaults (demo roster, fast simulated PBX). */
  public static Browsers withServer() {
    return new Browsers(new JsonObject());
  }

  /** A server with these KLIP_* settings on top of the test defaults. */
  public static Browsers withServer(JsonObject overrides) {
    return new Browsers(overrides.copy());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = TestServer.start(overrides);
  }

  public TestServer server() {
    return server;
  }

  /** The class's first browser, started on first use and kept for the class (cookies and all). */
  public Browser browser() {
    return open.isEmpty() ? open() : open.get(0);
  }

  /** Another browser with its own profile: a second person at another desk. Closed after the class. */
  public Browser open() {
    Browser browser = Browser.start();
    open.add(browser);
    return browser;
  }

  /** Signs {@code username} in on {@link #browser()} and waits until its event-bus connection is up. */
  public Browser signIn(String username) {
    return signIn(browser(), username);
  }

  /**
   * Signs {@code username} in on {@code browser} (whoever was signed in there before is signed out first) and
   * waits until the page's event-bus connection is up, so pushes from now on reach it.
   */
  public Browser signIn(Browser browser, String username) {
    browser.signOut();
    browser.loginConnected(server.port(), username);
    return browser;
  }

  /** As {@link #signIn(String)}, without waiting for an event-bus connection (pages that have none): the form. */
  public Browser logIn(String username) {
    return logIn(browser(), username);
  }

  /** As {@link #signIn(Browser, String)}, without waiting for an event-bus connection: the form only. */
  public Browser logIn(Browser browser, String username) {
    browser.signOut();
    browser.login(server.port(), username);
    return browser;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    String test = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
    for (int i = 0; i < open.size(); i++) {
      open.get(i).saveEvidence(test + (open.size() > 1 ? "-browser" + (i + 1) : ""));
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      open.forEach(Browser::close);
    } finally {
      open.clear();
      if (server != null) {
        server.close();
      }
    }
  }
}
