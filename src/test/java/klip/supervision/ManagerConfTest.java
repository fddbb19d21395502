package klip.supervision;

import klip.Addresses;
import klip.pbx.TranscriptReplayer;
import klip.support.BusRecorder;
import klip.support.Captures;
import klip.support.HttpSession;
import klip.support.Sql;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * asterisk-config/manager.conf against the transcripts captured from a real Asterisk 22: its event filters
 * (POSIX regular expressions, translated to Java's for the check) keep every event the server reads and drop
 * VarSet (but MIXMONITOR_FILENAME) and Newexten; its read classes cover what is kept; and a filtered capture
 * replayed through the server gives the same calls and counters as the whole one.
 */
class ManagerConfTest {

  /** The events the server's translator and the recordings read. */
  private static final Set<String> READ = Set.of("Newchannel", "Newstate", "NewCallerid", "Hangup", "DialBegin",
      "DialEnd", "BridgeEnter", "BridgeLeave", "QueueCallerJoin", "QueueCallerLeave", "QueueCallerAbandon",
      "AgentCalled", "AgentConnect", "AgentComplete", "AgentRingNoAnswer", "QueueMemberStatus", "QueueMemberPause",
      "ChanSpyStart", "ChanSpyStop", "MixMonitorStart", "BlindTransfer");
  private static final Pattern NAME = Pattern.compile("^Event: (\\S+)");
  private static final Pattern PRIVILEGE = Pattern.compile("\r\nPrivilege: ([^\r]*)");

  private record User(List<Pattern> filters, Set<String> read, Set<String> write) {
    boolean passes(String event) {
      return filters.stream().anyMatch(f -> f.matcher(event).find());
    }
  }

  private static User klipUser() throws IOException {
    List<Pattern> filters = new ArrayList<>();
    Set<String> read = Set.of();
    Set<String> write = Set.of();
    boolean inKlip = false;
    for (String raw : Files.readAllLines(Path.of("asterisk-config", "manager.conf"))) {
      String line = raw.strip();
      if (line.startsWith("[")) {
        inKlip = line.equals("[klip]");
      } else if (inKlip && !line.startsWith(";") && line.contains("=")) {
        String key = line.substring(0, line.indexOf('=')).strip();
        String value = line.substring(line.indexOf('=') + 1).strip();
        switch (key) {
          case "eventfilter" -> filters.add(Pattern.compile(value.replace("[[:space:]]", "\\s"), Pattern.DOTALL));
          case "read" -> read = Set.of(value.split(","));
          case "write" -> write = Set.of(value.split(","));
          default -> { }
        }
      }
    }
    return new User(filters, read, write);
  }

  private static String name(String event) {
    Matcher m = NAME.matcher(event);
    return m.find() ? m.group(1) : "";
  }

  @Test
  @DisplayName("The klip user's filters keep every event the server reads in every capture, drop Newexten and every "
      + "VarSet but MIXMONITOR_FILENAME, and its read classes cover what is kept")
  void filtersKeepWhatTheServerReads() throws IOException {
    User klip = klipUser();
    assertThat(klip.filters()).isNotEmpty();
    assertThat(klip.write()).containsExactlyInAnyOrder("originate", "call", "reporting");
    int total = 0;
    int kept = 0;
    for (String session : Captures.SESSIONS) {
      for (String event : TranscriptReplayer.events(Captures.transcript(session))) {
        String name = name(event);
        Matcher privilege = PRIVILEGE.matcher(event);
        if (!privilege.find()) {
          continue; // list items answering an action: not subject to filters
        }
        total++;
        boolean passes = klip.passes(event);
        if (READ.contains(name)) {
          assertThat(passes).as("%s in %s must reach the server", name, session).isTrue();
        }
        if (name.equals("VarSet")) {
          assertThat(passes).as(event).isEqualTo(event.contains("\r\nVariable: MIXMONITOR_FILENAME\r\n"));
        }
        if (name.equals("Newexten") || name.equals("Cdr") || name.equals("DeviceStateChange")) {
          assertThat(passes).as(event).isFalse();
        }
        if (passes) {
          kept++;
          Set<String> classes = Set.of(privilege.group(1).split(","));
          assertThat(classes.stream().anyMatch(klip.read()::contains)).as("read classes cover %s", name).isTrue();
        }
      }
    }
    LoggerFactory.getLogger(ManagerConfTest.class).info("manager.conf filters keep {} of {} captured events ({}%)",
        kept, total, Math.round(1000.0 * kept / total) / 10.0);
    assertThat(kept).as("events kept of %d", total).isLessThan(total * 30 / 100);
  }

  @Test
  @DisplayName("Session 2 filtered as the klip user receives it gives the same tickets, missed call and counters")
  void filteredCaptureGivesTheSameBoard() throws Exception {
    User klip = klipUser();
    String filtered = String.join("", TranscriptReplayer.events(Captures.transcript("ami-session-2.txt")).stream()
        .filter(e -> !PRIVILEGE.matcher(e).find() || klip.passes(e)).toList());
    try (TestServer server = TestServer.start()) {
      HttpSession tl1 = server.login("tl1");
      try (BoardWatcher board = new BoardWatcher(server, tl1, "tim-a");
           BusRecorder ended = new BusRecorder(server.vertx, Addresses.TICKET_UPDATED);
           BusRecorder missed = new BusRecorder(server.vertx, Addresses.MISSED_CALL_RECORDED)) {
        server.pbx().replay(filtered).await(30, TimeUnit.SECONDS);
        board.until("three calls offered, one answered, two abandoned", b -> b.getJsonArray("calls").isEmpty()
            && b.getJsonObject("counters").equals(b.getJsonObject("counters").copy().put("offered", 3L)
                .put("answered", 1L).put("abandoned", 2L)), 20_000);
        // Tickets apply the same facts on their own: wait for both calls' ends and the missed call.
        for (int i = 0; i < 2; i++) {
          ended.awaitMatching(u -> List.of("ended", "unanswered").contains(u.getString("callStatus")), 20_000);
        }
        missed.awaitMatching(m -> "1796001144.18".equals(m.getString("callId")), 20_000);
        assertThat(Arrays.asList("1796001143.14", "1796001153.20")).allSatisfy(callId -> assertThat(
            Sql.rows(server.server.pool(), "SELECT 1 FROM tickets WHERE call_id = $1", callId)).hasSize(1));
        assertThat(Sql.rows(server.server.pool(), "SELECT 1 FROM missed_calls WHERE call_id = $1",
            "1796001144.18")).hasSize(1);
      }
    }
  }
}
