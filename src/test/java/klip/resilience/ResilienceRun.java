package klip.resilience;

import io.vertx.core.Vertx;
import klip.pbx.PbxConfig;
import klip.pbx.SimulatedPbx;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The crash command (bench/run-kill-rounds.sh; not part of mvn verify). Kills the server with SIGKILL in rounds
 * while calls, acknowledged writes and escalations flow, first the server alone and then the server with its
 * PostgreSQL, and takes PostgreSQL away for a minute under calls. The PBX lives in this JVM, as Asterisk lives
 * outside the server. Prints what an operator would check: first-start failures, acknowledged writes lost,
 * tickets left live, escalations undelivered, tickets and missed calls lost during the outage, /health recovery.
 * Arguments: rounds=10 roundSeconds=15 outageSeconds=60 callsPerSecond=2 dir=target/resilience
 */
public final class ResilienceRun {

  private final Map<String, String> args;
  private final List<String> report = new ArrayList<>();

  private ResilienceRun(Map<String, String> args) {
    this.args = args;
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = new HashMap<>();
    for (String a : argv) {
      String[] kv = a.split("=", 2);
      args.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    ResilienceRun run = new ResilienceRun(args);
    Vertx vertx = Vertx.vertx();
    try {
      run.killRounds(vertx, false);
      run.killRounds(vertx, true);
      run.outage(vertx);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
    System.out.println();
    System.out.println("Resilience run (load at the end: " + loadAverage() + ")");
    run.report.forEach(System.out::println);
    System.exit(0);
  }

  private int intArg(String key, int fallback) {
    return Integer.parseInt(args.getOrDefault(key, Integer.toString(fallback)));
  }

  private void killRounds(Vertx vertx, boolean withPostgres) throws Exception {
    String mode = withPostgres ? "server + PostgreSQL" : "server alone";
    Path dir = workDir(withPostgres ? "kill-both" : "kill-server");
    SimulatedPbx pbx = startPbx(vertx, dir);
    int httpPort = freePort();
    ServerProcess server = new ServerProcess(dir, httpPort, serverEnv(dir, pbx, httpPort));
    Workload load = new Workload(vertx, pbx, server.httpPort());
    int rounds = intArg("rounds", 10);
    int firstStartFailures = 0;
    boolean loadRunning = false;
    for (int round = 0; round <= rounds; round++) {
      if (!server.start(Duration.ofMinutes(3))) {
        firstStartFailures++;
        System.out.println(mode + ": start " + round + " failed (" + server.logName() + "); starting again");
        server.kill9();
        if (!server.start(Duration.ofMinutes(3))) {
          throw new IllegalStateException(mode + ": the server does not start at all; see " + server.logName());
        }
      }
      if (!loadRunning) {
        load.start(Double.parseDouble(args.getOrDefault("callsPerSecond", "2")));
        loadRunning = true;
      }
      if (round == rounds) {
        break;
      }
      pause(Duration.ofSeconds(intArg("roundSeconds", 15)));
      server.kill9();
      if (withPostgres) {
        server.kill9Postmaster();
      }
      System.out.println(mode + ": round " + (round + 1) + " killed; acknowledged so far: "
          + load.acknowledgedTeams.size() + " writes, " + load.acknowledgedEscalations.size() + " escalations");
    }
    pause(Duration.ofSeconds(5));
    load.stop();
    // Let the last start's reconciliation, retries and outbox finish what the calls left.
    pause(Duration.ofSeconds(intArg("settleSeconds", 20)));
    try (Connection db = DriverManager.getConnection(server.jdbcUrl(), "postgres", "")) {
      Set<String> teams = strings(db, "SELECT code FROM teams");
      long writesLost = load.acknowledgedTeams.stream().filter(t -> !teams.contains(t)).count();
      long live = count(db, "SELECT count(*) FROM tickets WHERE call_status IN ('ringing', 'connected')");
      Set<String> escalated = strings(db, "SELECT e.ticket_id::text FROM escalations e "
          + "JOIN outbox o ON o.message_key = e.id::text AND o.published_at IS NOT NULL "
          + "JOIN escalation_desk_inbox d ON d.escalation_id = e.id");
      long undelivered = load.acknowledgedEscalations.stream().filter(t -> !escalated.contains(t.toString())).count();
      report.add(String.format("%s, %d kill -9 rounds of %ds: first-start failures %d, acknowledged writes lost %d "
              + "of %d, tickets left live %d (of %d calls answered at agents), escalations undelivered %d of %d; "
              + "API 503 answers %d, other 5xx %d",
          mode, rounds, intArg("roundSeconds", 15), firstStartFailures, writesLost, load.acknowledgedTeams.size(), live,
          load.answeredCalls.size(), undelivered, load.acknowledgedEscalations.size(), load.api503.get(),
          load.apiOther5xx.get()));
    }
    server.stop();
    pbx.stop().await(30, TimeUnit.SECONDS);
  }

  /**
   * PostgreSQL away for a minute under calls: the postmaster is killed and its port held by this harness (accepting
   * and dropping connections), so the server's restarts fail until the minute is over; then nothing is done.
   */
  private void outage(Vertx vertx) throws Exception {
    Path dir = workDir("outage");
    SimulatedPbx pbx = startPbx(vertx, dir);
    int httpPort = freePort();
    ServerProcess server = new ServerProcess(dir, httpPort, serverEnv(dir, pbx, httpPort));
    if (!server.start(Duration.ofMinutes(3))) {
      throw new IllegalStateException("outage: the server did not start; see " + server.logName());
    }
    Workload load = new Workload(vertx, pbx, server.httpPort());
    load.start(Double.parseDouble(args.getOrDefault("callsPerSecond", "2")));
    pause(Duration.ofSeconds(10));
    int pgPort = server.postgresPort();
    int outageSeconds = intArg("outageSeconds", 60);
    long recoveredMs;
    try (PortBlocker blocker = new PortBlocker(pgPort)) {
      server.kill9Postmaster();
      blocker.start();
      pause(Duration.ofSeconds(outageSeconds));
    }
    long released = System.nanoTime();
    var client = java.net.http.HttpClient.newHttpClient();
    while (!server.healthUp(client)) {
      if (System.nanoTime() - released > TimeUnit.MINUTES.toNanos(5)) {
        break;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
    boolean healthBack = server.healthUp(client);
    recoveredMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - released);
    pause(Duration.ofSeconds(10));
    load.stop();
    pause(Duration.ofSeconds(intArg("settleSeconds", 20)));
    try (Connection db = DriverManager.getConnection(server.jdbcUrl(), "postgres", "")) {
      Set<String> tickets = strings(db, "SELECT call_id FROM tickets");
      Set<String> missed = strings(db, "SELECT call_id FROM missed_calls");
      long ticketsLost = load.answeredCalls.stream().filter(c -> !tickets.contains(c)).count();
      long missedLost = load.missedCalls.stream().filter(c -> !missed.contains(c)).count();
      long live = count(db, "SELECT count(*) FROM tickets WHERE call_status IN ('ringing', 'connected')");
      report.add(String.format("PostgreSQL outage of %ds under calls: tickets lost %d of %d, missed calls lost %d of "
              + "%d, tickets left live %d, /health back without help: %s (%d ms after the port was freed); "
              + "API 503 answers %d, other 5xx %d",
          outageSeconds, ticketsLost, load.answeredCalls.size(), missedLost, load.missedCalls.size(), live,
          healthBack ? "yes" : "NO", recoveredMs, load.api503.get(), load.apiOther5xx.get()));
    }
    server.stop();
    pbx.stop().await(30, TimeUnit.SECONDS);
  }

  private Path workDir(String name) throws IOException {
    Path dir = Path.of(args.getOrDefault("dir", "target/resilience")).toAbsolutePath().resolve(name);
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(dir.resolve("recordings"));
    return dir;
  }

  private static SimulatedPbx startPbx(Vertx vertx, Path dir) throws Exception {
    PbxConfig config = PbxConfig.defaults().withCredentials("klip", "resilience-secret")
        .withRecordingsDir(dir.resolve("recordings"))
        .withQueue("eapp", List.of(new PbxConfig.Member("Local/agent1@agents/n", "Agent One"),
            new PbxConfig.Member("Local/agent2@agents/n", "Agent Two")));
    SimulatedPbx pbx = new SimulatedPbx(vertx, config);
    pbx.start().await(30, TimeUnit.SECONDS);
    return pbx;
  }

  private static Map<String, String> serverEnv(Path dir, SimulatedPbx pbx, int httpPort) {
    Map<String, String> env = new HashMap<>();
    env.put("KLIP_DEMO", "true");
    env.put("KLIP_HTTP_PORT", Integer.toString(httpPort));
    env.put("KLIP_HTTP_HOST", "127.0.0.1");
    env.put("KLIP_DATA_DIR", dir.resolve("data").toString());
    env.put("KLIP_RECORDINGS_DIR", dir.resolve("recordings").toString());
    env.put("KLIP_AMI_HOST", "127.0.0.1");
    env.put("KLIP_AMI_PORT", Integer.toString(pbx.port()));
    env.put("KLIP_AMI_USERNAME", "klip");
    env.put("KLIP_AMI_SECRET", "resilience-secret");
    env.put("KLIP_AMI_RECONNECT_MAX_MS", "1000");
    env.put("KLIP_OUTBOX_POLL_MS", "500");
    env.put("KLIP_RECORDING_GRACE_MS", "5000");
    // The workload never finishes a ticket: with after-call work on, every agent would sit paused for its longest
    // pause after each call, and the floor (agent1's escalations above all) would dry up after the first calls.
    env.put("KLIP_ACW_PAUSE", "false");
    return env;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Set<String> strings(Connection db, String sql) throws SQLException {
    Set<String> out = new HashSet<>();
    try (var rows = db.createStatement().executeQuery(sql)) {
      while (rows.next()) {
        out.add(rows.getString(1));
      }
    }
    return out;
  }

  private static long count(Connection db, String sql) throws SQLException {
    try (var rows = db.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void pause(Duration d) {
    LockSupport.parkNanos(d.toNanos());
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Holds PostgreSQL's port on both loopback addresses, accepting and at once closing every connection. */
  private static final class PortBlocker implements AutoCloseable {
    private final List<ServerSocket> sockets = new ArrayList<>();
    private final int port;

    PortBlocker(int port) {
      this.port = port;
    }

    void start() throws IOException {
      for (String address : List.of("127.0.0.1", "::1")) {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        try {
          socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        } catch (IOException e) {
          socket.close();
          continue;
        }
        sockets.add(socket);
        Thread t = new Thread(() -> {
          while (!socket.isClosed()) {
            try (Socket ignored = socket.accept()) {
              // dropped at once
            } catch (IOException e) {
              return;
            }
          }
        }, "port-blocker-" + address);
        t.setDaemon(true);
        t.start();
      }
      if (sockets.isEmpty()) {
        throw new IOException("Could not hold port " + port);
      }
    }

    @Override
    public void close() throws IOException {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }
}
