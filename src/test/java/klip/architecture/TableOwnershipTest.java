package klip.architecture;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each capability owns its tables: only its own package's SQL names them. Others go through the owner's
 * interface or bus address. A new table must be given an owner here, or this test fails.
 */
class TableOwnershipTest {

  private static final Path MAIN = Path.of("src/main/java/klip");
  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

  /** Table → the package (under klip) that owns it. */
  static final Map<String, String> OWNERS = Map.ofEntries(
      entry("users", "identity"), entry("teams", "identity"), entry("login_failures", "identity"),
      entry("oidc_pending", "identity"),
      entry("audit_log", "audit"),
      entry("audit_intents", "audit"), // created by V510, dropped by V511
      entry("tickets", "tickets"), entry("ticket_rings", "tickets"), entry("ticket_events", "tickets"),
      entry("missed_calls", "tickets"), entry("pops", "tickets"), entry("applications", "tickets"),
      entry("taxpayers", "tickets"), entry("taxpayer_phones", "tickets"), entry("ticket_drafts", "tickets"),
      entry("escalations", "escalation"), entry("outbox", "escalation"),
      entry("escalation_desk_inbox", "escalation"), entry("calendar_days", "escalation"),
      entry("calendar_sources", "escalation"), entry("deadline_alerts", "escalation"),
      entry("discussions", "escalation"), entry("discussion_messages", "escalation"),
      entry("callbacks", "escalation"),
      entry("recordings", "recordings"), entry("screen_captures", "recordings"),
      entry("recording_alerts", "recordings"), entry("playback_audit", "recordings"),
      entry("qa_forms", "qa"), entry("qa_criteria", "qa"), entry("qa_calibrations", "qa"),
      entry("qa_evaluations", "qa"), entry("qa_disputes", "qa"),
      entry("board_calls", "supervision"), entry("supervision_joins", "supervision"),
      entry("raised_hands", "supervision"), entry("cel", "telephony"), entry("ami_listening", "telephony"), entry("ami_lease", "telephony"),
      entry("sikp_articles", "sikp"), entry("sikp_article_versions", "sikp"), entry("sikp_unanswered", "sikp"),
      entry("sikp_answered_questions", "sikp"), entry("sikp_import_jobs", "sikp"),
      entry("sikp_import_seen", "sikp"));

  /** Where SQL names a table: keywords in capitals, as every statement here is written. */
  private static final Pattern SQL_TABLE = Pattern.compile(
      "\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|TRUNCATE)\\s+(?:ONLY\\s+|IF\\s+(?:NOT\\s+)?EXISTS\\s+)?([a-z_][a-z0-9_]*)\\b");
  private static final Pattern CREATE_TABLE = Pattern.compile("CREATE TABLE\\s+(?:IF NOT EXISTS\\s+)?([a-z_][a-z0-9_]*)");

  @Test
  @DisplayName("Every table the migrations create has an owning capability")
  void everyTableHasAnOwner() throws IOException {
    Set<String> created = new TreeSet<>();
    try (Stream<Path> files = Files.list(MIGRATIONS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
        Matcher m = CREATE_TABLE.matcher(Files.readString(f));
        while (m.find()) {
          created.add(m.group(1));
        }
      }
    }
    assertThat(created).isNotEmpty();
    assertThat(OWNERS.keySet()).as("tables with an owner in TableOwnershipTest.OWNERS").containsAll(created);
  }

  @Test
  @DisplayName("No package's SQL names another capability's table")
  void noSqlNamesAnotherCapabilitysTable() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        String capability = capabilityOf(f);
        Matcher m = SQL_TABLE.matcher(Files.readString(f));
        while (m.find()) {
          String owner = OWNERS.get(m.group(1));
          if (owner != null && !owner.equals(capability)) {
            violations.add(MAIN.relativize(f) + " names " + m.group(1) + " (owned by " + owner + ")");
          }
        }
      }
    }
    assertThat(violations).as("SQL naming another capability's table").isEmpty();
  }

  @Test
  @DisplayName("The check finds a table named by a foreign package")
  void theCheckSeesAForeignTable() {
    Matcher m = SQL_TABLE.matcher("SELECT t.id FROM tickets t LEFT JOIN users u ON u.username = t.agent_username");
    List<String> named = new ArrayList<>();
    while (m.find()) {
      named.add(m.group(1));
    }
    assertThat(named).containsExactly("tickets", "users");
  }

  /** The first package under klip (sikp/eval belongs to sikp); the root package owns nothing. */
  private static String capabilityOf(Path file) {
    Path relative = MAIN.relativize(file);
    return relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
  }
}
