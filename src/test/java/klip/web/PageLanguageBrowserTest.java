package klip.web;

import klip.pbx.RingHandle;
import klip.support.Browser;
import klip.support.Browsers;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages people work in read as Bahasa Indonesia: scanned in real Chromium with a call live, no raw code
 * (snake_case or dotted identifiers, JSON) and no English word outside the terms the directorate itself uses.
 */
class PageLanguageBrowserTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  /** Codes as the server stores them: snake_case, dotted keys, JSON objects. */
  private static final Pattern CODE = Pattern.compile("\\b[a-z]+_[a-z_]+\\b|\\b[a-z]+\\.[a-z_]+\\.[a-z_.]+\\b|\\{\"");
  /** English words that have leaked before (statuses, outcomes, PBX and parser messages). */
  private static final Set<String> ENGLISH = Set.of("the", "and", "not", "failed", "available", "member", "queue",
      "unexpected", "character", "originated", "ringing", "connected", "ended", "unanswered", "received", "answered",
      "escalated", "closed", "delivered", "agent", "error", "found", "invalid", "required", "ticket",
      "waiting", "talking", "paused", "wrapup", "logged", "supervisor", "joined", "none", "null",
      "undefined", "true", "false");
  /** Terms Kring Pajak staff use as they are. */
  private static final Set<String> ALLOWED = Set.of("e-filing", "efin", "npwp", "nik", "sikp", "klip", "call",
      "handler", "team", "leader", "quality", "assessor", "admin", "demo");

  @RegisterExtension
  static final Browsers browsers = Browsers.withServer();

  @Test
  @DisplayName("The agent desk with a live call, the team leader's board and the escalation desk show no raw code "
      + "and no English outside the allowed terms")
  void noRawCodeOrEnglish() throws Exception {
    TestServer server = browsers.server();
    Browser agent = browsers.open();
    Browser leader = browsers.open();
    Browser desk = browsers.open();
    {
      agent.loginConnected(server.port(), "agent1");
      leader.login(server.port(), "tl1");
      leader.waitFor(By.id("board-agents"), WAIT);
      desk.login(server.port(), "eskalasi1");
      desk.waitFor(By.id("escalation-desk"), WAIT);
      RingHandle ring = server.pbx().ring("081234567001", "Budi Santoso", "eapp", "Local/agent1@agents/n",
          "Agent One").await(5, TimeUnit.SECONDS);
      agent.waitForText(By.id("pop-caller-number"), "081234567001", WAIT);
      ring.answer().await(5, TimeUnit.SECONDS);
      agent.waitForText(By.id("call-status"), "Tersambung", WAIT);
      agent.waitFor(By.id("wf-status"), WAIT);
      leader.waitForText(By.id("board-calls"), "081234567001", WAIT);

      List<String> found = new ArrayList<>();
      found.addAll(scan("agent desk", agent));
      found.addAll(scan("board", leader));
      found.addAll(scan("escalation desk", desk));
      ring.hangup().await(5, TimeUnit.SECONDS);
      assertThat(found).as("raw codes or English words shown to people").isEmpty();
    }
  }

  private static List<String> scan(String page, Browser browser) {
    // "Status" is Indonesian too (KBBI), so it is not in the English list.
    // Interfaces and queue names are the PBX's own names for phones and queues, shown as such.
    String text = browser.driver.findElement(By.tagName("body")).getText()
        .replaceAll("(Local|PJSIP|SIP)/[^\\s·,)]+", "")
        .replaceAll("\\beapp\\b|\\bspt\\b", "")
        // People's names as the roster spells them (the demo floor's agents are called Agent One and Two).
        .replaceAll("Agent (One|Two)", "");
    List<String> found = new ArrayList<>();
    Matcher code = CODE.matcher(text);
    while (code.find()) {
      found.add(page + ": code '" + code.group() + "'");
    }
    for (String word : text.split("[^\\p{L}-]+")) {
      String w = word.toLowerCase(Locale.ROOT);
      if (ENGLISH.contains(w) && !ALLOWED.contains(w)) {
        found.add(page + ": English '" + word + "'");
      }
    }
    return found;
  }
}
