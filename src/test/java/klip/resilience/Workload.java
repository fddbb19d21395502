package klip.resilience;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.pbx.CallScenario;
import klip.pbx.SimulatedPbx;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What flows while the harness kills things: calls from the PBX (answered by agent1 or agent2, every fourth one
 * abandoned in the queue), acknowledged API writes (an administrator creating teams) and escalations (agent1
 * escalating the ticket of a call in progress). Only what the server acknowledged (2xx) is counted as written.
 */
final class Workload {

  private static final String[] AGENTS = {"Local/agent1@agents/n", "Local/agent2@agents/n"};
  private static final String[] NAMES = {"Agent One", "Agent Two"};

  private final SimulatedPbx pbx;
  private final int httpPort;
  private volatile boolean running;
  private final AtomicLong seq = new AtomicLong();
  private final AtomicInteger callsInFlight = new AtomicInteger();
  final Set<String> acknowledgedTeams = ConcurrentHashMap.newKeySet();
  final Set<Long> acknowledgedEscalations = ConcurrentHashMap.newKeySet();
  /** Linkedids of calls rung at an agent / abandoned in the queue, with the moment they were played. */
  final Set<String> answeredCalls = ConcurrentHashMap.newKeySet();
  final Set<String> missedCalls = ConcurrentHashMap.newKeySet();
  /** agent1's callers whose call is in conversation now: candidates for an escalation. */
  private final ConcurrentLinkedDeque<String> agent1Talking = new ConcurrentLinkedDeque<>();
  final AtomicLong api503 = new AtomicLong();
  final AtomicLong apiOther5xx = new AtomicLong();
  private final String runId = Long.toString(System.currentTimeMillis() % 100_000, 36);
  private Thread writer;
  private Thread escalator;
  private long callTimer;
  private final io.vertx.core.Vertx vertx;

  Workload(io.vertx.core.Vertx vertx, SimulatedPbx pbx, int httpPort) {
    this.vertx = vertx;
    this.pbx = pbx;
    this.httpPort = httpPort;
  }

  /** Starts calls at {@code callsPerSecond}, the writer and the escalator. */
  void start(double callsPerSecond) {
    running = true;
    callTimer = vertx.setPeriodic(Math.max(1, (long) (1000 / callsPerSecond)), id -> playOne());
    writer = new Thread(this::writeTeams, "resilience-writer");
    writer.start();
    escalator = new Thread(this::escalate, "resilience-escalator");
    escalator.start();
  }

  /** Stops new calls and writes; waits for calls in progress to end. */
  void stop() throws InterruptedException {
    running = false;
    vertx.cancelTimer(callTimer);
    writer.join();
    escalator.join();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (callsInFlight.get() > 0 && System.nanoTime() < end) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }
  }

  private void playOne() {
    long n = seq.incrementAndGet();
    String number = String.format("0813%08d", n);
    CallScenario scenario;
    int agent = (int) (n % 2);
    if (n % 4 == 0) {
      scenario = CallScenario.builder(number, "Penelepon " + n).queue("eapp")
          .abandonInQueue(Duration.ofMillis(800)).build();
    } else {
      scenario = CallScenario.builder(number, "Penelepon " + n).queue("eapp")
          .ring(AGENTS[agent], NAMES[agent], CallScenario.Outcome.ANSWER)
          .ringDuration(Duration.ofMillis(300)).talkDuration(Duration.ofSeconds(4)).build();
      if (agent == 0) {
        vertx.setTimer(600, t -> agent1Talking.addFirst(number));
        vertx.setTimer(3500, t -> agent1Talking.remove(number));
      }
    }
    boolean missed = n % 4 == 0;
    callsInFlight.incrementAndGet();
    pbx.play(scenario).onComplete(done -> {
      callsInFlight.decrementAndGet();
      if (done.succeeded()) {
        (missed ? missedCalls : answeredCalls).add(done.result());
      }
    });
  }

  private void writeTeams() {
    ApiClient admin = new ApiClient(httpPort, "admin", "klip-admin");
    int n = 0;
    while (running) {
      String code = "rs-" + runId + "-" + n;
      ApiClient.Answer a = admin.post("/api/admin/teams", new JsonObject().put("code", code).put("name", "Uji " + n));
      count(a);
      if (a.ok()) {
        acknowledgedTeams.add(code);
        n++;
      } else if (a.status() == 409) {
        n++;
      } else {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  private void escalate() {
    ApiClient agent1 = new ApiClient(httpPort, "agent1", "klip-agent1");
    while (running) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(700));
      String number = agent1Talking.pollFirst();
      if (number == null) {
        continue;
      }
      ApiClient.Answer found = agent1.get("/api/tickets?phone=" + number);
      count(found);
      if (!found.ok() || new JsonArray(found.body()).isEmpty()) {
        continue;
      }
      long ticket = new JsonArray(found.body()).getJsonObject(0).getLong("id");
      ApiClient.Answer lifecycle = agent1.get("/api/tickets/" + ticket + "/lifecycle");
      count(lifecycle);
      if (!lifecycle.ok()) {
        continue;
      }
      ApiClient.Answer moved = agent1.post("/api/tickets/" + ticket + "/transitions", new JsonObject()
          .put("to", "escalated").put("version", lifecycle.json().getInteger("version"))
          .put("note", "Uji ketahanan: EFIN tidak terkirim"));
      count(moved);
      if (moved.ok()) {
        acknowledgedEscalations.add(ticket);
      }
    }
  }

  private void count(ApiClient.Answer a) {
    if (a.status() == 503) {
      api503.incrementAndGet();
    } else if (a.status() >= 500) {
      apiOther5xx.incrementAndGet();
    }
  }
}
