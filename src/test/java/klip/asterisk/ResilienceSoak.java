package klip.asterisk;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.db.Database;
import klip.support.BusRecorder;
import klip.support.Sql;
import klip.support.TestPostgres;
import klip.support.TestServer;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.HangupEvent;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The resilience command (bench/run-resilience.sh): a call soak against the real PBX while the AMI link between
 * server and Asterisk is cut at random moments, then every call checked against what Asterisk itself says
 * happened (the test's own AMI connection, never cut): calls without a ticket or missed-call row, duplicate
 * tickets, wrong final states (status, answer, agent), recordings unlinked or falsely missing.
 * Arguments: {@code cuts=100 seed=1}. Needs {@code -Dklip.asterisk=/path/to/sbin/asterisk}.
 */
public final class ResilienceSoak {

  /** What Asterisk says happened to one call. */
  private static final class Truth {
    volatile boolean rang;
    volatile String answeredBy;
    volatile boolean ended;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new java.util.HashMap<>();
    for (String a : args) {
      String[] kv = a.split("=", 2);
      opts.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    int cuts = Integer.parseInt(opts.getOrDefault("cuts", "100"));
    Random random = new Random(Long.parseLong(opts.getOrDefault("seed", "1")));
    Database database = TestPostgres.freshDatabase();
    Map<String, Truth> truth = new ConcurrentHashMap<>();
    try (RealAsterisk asterisk = RealAsterisk.start(database); AmiProxy proxy = AmiProxy.start(asterisk.amiPort)) {
      ManagerConnection controller = asterisk.controller();
      controller.addEventListener(e -> {
        if (e instanceof AgentCalledEvent a && truth.containsKey(a.getLinkedId())) {
          truth.get(a.getLinkedId()).rang = true;
        } else if (e instanceof AgentConnectEvent a && truth.containsKey(a.getLinkedId())) {
          truth.get(a.getLinkedId()).answeredBy = a.getInterface();
        } else if (e instanceof HangupEvent h && h.getLinkedId() != null && h.getLinkedId().equals(h.getUniqueId())
            && truth.containsKey(h.getLinkedId())) {
          truth.get(h.getLinkedId()).ended = true;
        }
      });
      Calls calls = new Calls(controller);
      JsonArray roster = new JsonArray().add(agent("agent1", "Local/agent1@agents/n"))
          .add(agent("agent2", "Local/agent2@agents/n"));
      try (TestServer server = TestServer.start(asterisk.serverSettings().put("KLIP_AMI_PORT", proxy.port())
          .put("KLIP_ROSTER", roster).put("KLIP_DEMO", "true").put("KLIP_RECORDING_GRACE_MS", 15_000), database);
           BusRecorder status = new BusRecorder(server.vertx, Addresses.AMI_STATUS)) {
        calls.unpauseAll();
        AtomicBoolean placing = new AtomicBoolean(true);
        Thread caller = new Thread(() -> placeCalls(calls, truth, placing, new Random(random.nextLong())), "soak-calls");
        caller.start();
        long started = System.currentTimeMillis();
        for (int i = 1; i <= cuts; i++) {
          Thread.sleep(500 + random.nextInt(5_000)); // a soak, not a test: random moments are the point
          proxy.cut();
          status.awaitMatching(s -> !s.getBoolean("up"), 60_000);
          Thread.sleep(300 + random.nextInt(4_000));
          proxy.restore();
          status.awaitMatching(s -> s.getBoolean("up"), 120_000);
          System.out.printf("cut %d/%d done, %d calls placed%n", i, cuts, truth.size());
        }
        placing.set(false);
        caller.join();
        long deadline = System.currentTimeMillis() + 120_000;
        while (truth.values().stream().anyMatch(t -> !t.ended) && System.currentTimeMillis() < deadline) {
          Thread.sleep(500);
        }
        Thread.sleep(30_000); // recordings' grace period and the last resync's facts
        report(server, truth, cuts, System.currentTimeMillis() - started);
      }
      RealAsterisk.logoff(controller);
    }
    System.exit(0);
  }

  private static void placeCalls(Calls calls, Map<String, Truth> truth, AtomicBoolean placing, Random random) {
    int n = 0;
    while (placing.get()) {
      try {
        calls.setGlobal("AGENT1_RING", String.valueOf(1 + random.nextInt(3)));
        calls.setGlobal("AGENT2_RING", String.valueOf(1 + random.nextInt(3)));
        String number = String.format("0813%08d", ++n);
        String callId = calls.call(number, "Soak " + n, 2 + random.nextInt(9));
        truth.putIfAbsent(callId, new Truth());
        Thread.sleep(800 + random.nextInt(3_000));
      } catch (Exception e) {
        System.out.println("placing a call failed: " + e.getMessage());
      }
    }
  }

  private static void report(TestServer server, Map<String, Truth> truth, int cuts, long elapsedMs) {
    int withoutRow = 0;
    int duplicates = 0;
    int wrongState = 0;
    int recordingProblems = 0;
    int answered = 0;
    int rang = 0;
    for (Map.Entry<String, Truth> e : truth.entrySet()) {
      String callId = e.getKey();
      Truth t = e.getValue();
      List<JsonObject> tickets = Sql.rows(server.server.pool(), "SELECT call_status, agent_username, "
          + "answered_at::text AS answered_at FROM tickets WHERE call_id = $1", callId);
      List<JsonObject> missed = Sql.rows(server.server.pool(), "SELECT 1 FROM missed_calls WHERE call_id = $1",
          callId);
      if (t.rang) {
        rang++;
        if (tickets.isEmpty()) {
          withoutRow++;
          System.out.println("no ticket: " + callId);
          continue;
        }
        duplicates += tickets.size() - 1;
        JsonObject ticket = tickets.get(0);
        String expectedStatus = t.answeredBy != null ? "ended" : "unanswered";
        String expectedAgent = t.answeredBy == null ? null : t.answeredBy.contains("agent1") ? "agent1" : "agent2";
        boolean right = expectedStatus.equals(ticket.getString("call_status"))
            && (expectedAgent == null || expectedAgent.equals(ticket.getString("agent_username")));
        if (!right) {
          wrongState++;
          System.out.println("wrong state: " + callId + " expected " + expectedStatus + "/" + expectedAgent + ", got "
              + ticket.encode());
        }
        if (t.answeredBy != null) {
          answered++;
          List<JsonObject> rec = Sql.rows(server.server.pool(), "SELECT status FROM recordings WHERE call_id = $1 "
              + "AND kind = 'call_audio'", callId);
          if (rec.size() != 1 || !"present".equals(rec.get(0).getString("status"))) {
            recordingProblems++;
            System.out.println("recording unlinked or missing: " + callId + " " + rec);
          }
        }
      } else if (missed.size() != 1 || !tickets.isEmpty()) {
        withoutRow += missed.isEmpty() ? 1 : 0;
        wrongState += tickets.isEmpty() ? 0 : 1;
        System.out.println("never rang, but missed rows " + missed.size() + ", tickets " + tickets.size() + ": "
            + callId);
      }
    }
    System.out.printf("%nResilience soak: %d AMI cuts at random moments, %d calls (%d rang, %d answered), %.0f s%n",
        cuts, truth.size(), rang, answered, elapsedMs / 1000.0);
    System.out.printf("calls without a ticket or missed-call row: %d%n", withoutRow);
    System.out.printf("duplicate tickets: %d%n", duplicates);
    System.out.printf("wrong final states: %d%n", wrongState);
    System.out.printf("recordings unlinked or falsely missing: %d%n", recordingProblems);
  }

  private static JsonObject agent(String username, String phone) {
    return new JsonObject().put("username", username).put("displayName", username).put("role", "agent")
        .put("interface", phone).put("team", "tim-a").put("password", "klip-" + username);
  }
}
