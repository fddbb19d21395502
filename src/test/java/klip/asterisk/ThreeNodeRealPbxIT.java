package klip.asterisk;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.cluster.ClusterNodes;
import klip.cluster.NodeProcess;
import klip.db.Database;
import klip.support.BridgeClient;
import klip.support.Eventually;
import klip.support.HttpSession;
import klip.support.TestPostgres;
import org.asteriskjava.manager.ManagerConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Three node processes on loopback against the real Asterisk running the project's {@code asterisk-config/} (CEL into
 * the shared database, twelve Local agents in the queue): agents signed in on the two nodes that do not own AMI get
 * the pops of calls placed on Asterisk; the AMI owner killed with SIGKILL amid a burst of calls is replaced within
 * 5 s, every call has exactly one ticket and every agent the pop of the call that rang them. Each caller stays on
 * the line until the test hangs up, so that every agent holds one call at the end and the queue rings no one twice.
 * Then a rolling restart (the killed node back, each other node stopped and started in turn) keeps every agent
 * signed in on every node that is up, and calls placed after it pop on the desks, reconnected with their cookies.
 */
class ThreeNodeRealPbxIT {

  private static final Logger log = LoggerFactory.getLogger(ThreeNodeRealPbxIT.class);
  private static final Duration START = Duration.ofSeconds(120);
  private static final int AGENTS = 12;
  /** Longer than any run of this test: the test hangs every caller up itself. */
  private static final int CALLER_WAITS_S = 600;

  private final List<NodeProcess> nodes = new ArrayList<>();
  /** Pinged from the lite member's event loop while the test thread adds the desks that reconnect. */
  private final List<BridgeClient> desks = new CopyOnWriteArrayList<>();
  private final Map<String, String> cookies = new HashMap<>();
  private final PopLedger pops = new PopLedger();
  private RealAsterisk asterisk;
  private ManagerConnection controller;
  private Vertx member;

  @Test
  @DisplayName("Three node processes on the real Asterisk: agents on two nodes get the pops of calls rung by the "
      + "queue; the AMI owner killed with SIGKILL amid a burst is replaced within 5 s, every call has one ticket "
      + "and its agent's pop; a rolling restart keeps every agent signed in and popped")
  void popsAndFailoverOnRealAsterisk() throws Exception {
    assumeTrue(RealAsterisk.binary() != null, "no Asterisk: -D" + RealAsterisk.PROPERTY + " not set");
    Database database = TestPostgres.freshDatabase();
    asterisk = RealAsterisk.start(database, AGENTS);
    controller = asterisk.controller();
    Calls calls = new Calls(controller);
    Path root = Files.createTempDirectory("klip-cluster-ast");
    Path config = root.resolve("klip.json");
    Files.writeString(config, new JsonObject().put("KLIP_ROSTER", roster()).encode());
    Map<String, String> env = new HashMap<>();
    env.put("KLIP_DEMO", "true");
    env.put("KLIP_CONFIG_FILE", config.toString());
    asterisk.serverSettings().forEach(e -> env.put(e.getKey(), String.valueOf(e.getValue())));
    env.put("KLIP_AMI_RECONNECT_MAX_MS", "1000");
    env.put("KLIP_ACW_PAUSE", "false");
    ClusterNodes cluster = ClusterNodes.create(3, root, database, env,
        Path.of("target", "test-logs", "ThreeNodeRealPbxIT"), NodeProcess.TEST_JVM);
    nodes.addAll(cluster.nodes());
    cluster.startAll(START);
    member = cluster.joinAsLiteMember();

    NodeProcess owner = Eventually.until("a node owning AMI", 60_000,
        () -> nodes.stream().filter(NodeProcess::ownsAmi).findFirst().orElse(null), n -> n != null);
    List<NodeProcess> others = nodes.stream().filter(n -> n != owner).toList();
    // Odd agents on one node, even ones on the other; none on the owner, which is killed.
    for (int n = 1; n <= AGENTS; n++) {
      NodeProcess node = others.get(n % 2);
      HttpSession session = HttpSession.login(member, node.httpPort, "agent" + n, "klip-agent" + n);
      cookies.put("agent" + n, session.cookie());
      desks.add(connectDesk(node, "agent" + n, session.cookie()));
    }
    // As the desktop does: a socket silent for 30 s is closed by the bridge.
    member.setPeriodic(10_000, id -> desks.forEach(BridgeClient::ping));

    // Half the calls ring while the owner is well: their pops cross the clustered bus to the two other nodes.
    List<String> callIds = new ArrayList<>();
    for (int i = 0; i < AGENTS / 2; i++) {
      callIds.add(calls.call("08150000%04d".formatted(i), "Penelepon " + i, CALLER_WAITS_S));
    }
    pops.awaitPopsOf(Set.copyOf(callIds));

    // A burst of the other half; the owner is killed outright after its first three calls, the rest ring meanwhile.
    long killedAt = 0;
    for (int i = AGENTS / 2; i < AGENTS; i++) {
      if (i == AGENTS / 2 + 3) {
        owner.kill9();
        killedAt = System.nanoTime();
      }
      callIds.add(calls.call("08150000%04d".formatted(i), "Penelepon Beruntun " + i, CALLER_WAITS_S));
    }
    long since = killedAt;
    NodeProcess heir = Eventually.until("another node owning AMI", 60_000,
        () -> others.stream().filter(NodeProcess::ownsAmi).findFirst().orElse(null), n -> n != null);
    long takeOverMs = (System.nanoTime() - since) / 1_000_000;
    log.info("AMI take-over after kill -9 of {}: {} ms (owner now {})", owner.name, takeOverMs, heir.name);
    System.out.println("Real Asterisk: AMI take-over after kill -9 of the owner: " + takeOverMs + " ms");
    assertThat(takeOverMs).as("take-over time").isLessThanOrEqualTo(5_000);

    // Every call pops on the desk of the agent its ticket names: sent by the old owner, by the heir, or sent again.
    pops.awaitPopsOf(Set.copyOf(callIds));
    try (Connection db = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
      Set<String> agentsRung = new HashSet<>();
      for (String callId : callIds) {
        String agent = ticketAgent(db, callId);
        assertThat(pops.poppedAt(agent)).as("pops on %s's desk", agent).contains(callId);
        agentsRung.add(agent);
      }
      assertThat(agentsRung).as("one call for each agent").hasSize(AGENTS);
      // Each agent answers on the PBX a second after the ring; then the callers hang up.
      for (String callId : callIds) {
        awaitCallStatus(db, callId, "connected");
      }
      for (String callId : callIds) {
        calls.hangupCall(callId);
      }
      for (String callId : callIds) {
        awaitCallStatus(db, callId, "ended");
      }
      for (String callId : callIds) {
        assertThat(count(db, "SELECT count(*) FROM tickets WHERE call_id = ?", callId))
            .as("tickets of call %s", callId).isEqualTo(1);
      }
      assertThat(count(db, "SELECT count(*) FROM tickets WHERE call_id <> ?", "")).as("tickets in all")
          .isEqualTo(AGENTS);

      rollingRestart(owner, others);
      // The desks reconnect with the cookies they had, each to a node it was not on (theirs restarted).
      for (int n = 1; n <= AGENTS; n++) {
        NodeProcess node = nodes.get((nodes.indexOf(others.get(n % 2)) + 1) % nodes.size());
        desks.add(connectDesk(node, "agent" + n, cookies.get("agent" + n)));
      }
      List<String> after = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        after.add(calls.call("08150001%04d".formatted(i), "Penelepon Sesudah " + i, CALLER_WAITS_S));
      }
      pops.awaitPopsOf(Set.copyOf(after));
      for (String callId : after) {
        String agent = ticketAgent(db, callId);
        assertThat(pops.poppedAt(agent)).as("pops on %s's desk after the restarts", agent).contains(callId);
        awaitCallStatus(db, callId, "connected");
        calls.hangupCall(callId);
        awaitCallStatus(db, callId, "ended");
        assertThat(count(db, "SELECT count(*) FROM tickets WHERE call_id = ?", callId))
            .as("tickets of call %s", callId).isEqualTo(1);
      }
    }
  }

  /** The killed node comes back, then each of the others is stopped and started in turn; nobody is signed out. */
  private void rollingRestart(NodeProcess killed, List<NodeProcess> others) throws Exception {
    killed.start();
    killed.awaitUp(START);
    assertSignedInEverywhere();
    for (NodeProcess node : others) {
      node.stop();
      assertSignedInEverywhere();
      node.start();
      node.awaitUp(START);
      assertSignedInEverywhere();
    }
    NodeProcess owner = Eventually.until("a node owning AMI after the restarts", 60_000,
        () -> nodes.stream().filter(NodeProcess::ownsAmi).findFirst().orElse(null), n -> n != null);
    log.info("After the rolling restart {} owns AMI; every agent still signed in", owner.name);
  }

  private void assertSignedInEverywhere() throws Exception {
    for (NodeProcess node : nodes) {
      if (!node.alive()) {
        continue;
      }
      for (Map.Entry<String, String> agent : cookies.entrySet()) {
        assertThat(node.get("/api/desk/state", agent.getValue())).as("%s signed in on %s", agent.getKey(), node.name)
            .isEqualTo(200);
      }
    }
  }

  private BridgeClient connectDesk(NodeProcess node, String agent, String cookie) {
    BridgeClient desk = BridgeClient.connect(member, node.httpPort, cookie)
        .onMessage(body -> {
          if ("pop".equals(body.getString("type"))) {
            pops.popped(agent, body.getJsonObject("ticket").getString("callId"));
          }
        });
    // The probe comes from this JVM, another cluster member: the node's registration is known cluster-wide.
    return desk.register(Addresses.agentPops(agent));
  }

  private static JsonArray roster() {
    JsonArray roster = new JsonArray();
    for (int n = 1; n <= AGENTS; n++) {
      roster.add(new JsonObject().put("username", "agent" + n).put("displayName", "Agen " + n).put("role", "agent")
          .put("interface", "Local/agent" + n + "@agents/n").put("team", "tim-a").put("password", "klip-agent" + n));
    }
    return roster;
  }

  /** The agent the call's ticket names (the pop arrived, so the ticket is committed). */
  private static String ticketAgent(Connection db, String callId) throws SQLException {
    try (var q = db.prepareStatement("SELECT agent_username FROM tickets WHERE call_id = ?")) {
      q.setString(1, callId);
      try (var rows = q.executeQuery()) {
        assertThat(rows.next()).as("ticket of call %s", callId).isTrue();
        return rows.getString(1);
      }
    }
  }

  private static int count(Connection db, String sql, String callId) throws SQLException {
    try (var q = db.prepareStatement(sql)) {
      q.setString(1, callId);
      try (var rows = q.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  /** Waits until the call's ticket has {@code status} (the answer or hang-up applied by the owner). */
  private static void awaitCallStatus(Connection db, String callId, String status) throws SQLException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (count(db, "SELECT count(*) FROM tickets WHERE call_id = ? AND call_status = '" + status + "'", callId)
        == 0) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("The ticket of call " + callId + " was not " + status + " within 60 s");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  /** The pops each desk received (first sent or sent again), arriving on the sockets' event loops. */
  private static final class PopLedger {
    private final Map<String, Set<String>> byAgent = new HashMap<>();
    private final Set<String> all = new HashSet<>();

    synchronized void popped(String agent, String callId) {
      byAgent.computeIfAbsent(agent, a -> new HashSet<>()).add(callId);
      all.add(callId);
      notifyAll();
    }

    synchronized Set<String> poppedAt(String agent) {
      return Set.copyOf(byAgent.getOrDefault(agent, Set.of()));
    }

    /** Waits until each call has popped on some desk. */
    synchronized void awaitPopsOf(Set<String> callIds) throws InterruptedException {
      long deadline = System.currentTimeMillis() + 60_000;
      while (!all.containsAll(callIds)) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          Set<String> missing = new HashSet<>(callIds);
          missing.removeAll(all);
          throw new AssertionError("No pop of " + missing + " within 60 s; popped " + byAgent);
        }
        wait(left);
      }
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    ClusterNodes.tearDown(desks, nodes, member);
    RealAsterisk.logoff(controller);
    if (asterisk != null) {
      asterisk.close();
    }
  }
}
