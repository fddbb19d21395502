package klip.telephony;

import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.pbx.RingHandle;
import klip.support.BridgeClient;
import klip.support.HttpSession;
import klip.support.Sql;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls that ring, connect, end and are missed while asterisk-java drops AMI events from its full event queue: the
 * pump is held ({@link HeldPump}) while the simulated PBX plays their steps, so every step is dropped for certain.
 * Once the pump runs again the server resynchronises while events keep arriving, and every call must come out as
 * if nothing had been lost: ended tickets ended, the missed call recorded, the call that began ringing during the
 * gap popped like any other, no ticket or pop twice.
 */
class PumpOverflowResyncTest {

  private static final String AGENT1 = "Local/agent1@agents/n";
  private static final String AGENT2 = "Local/agent2@agents/n";

  private TestServer server;
  private BridgeClient desk1;
  private BridgeClient desk2;
  /** Everything published on the addresses a test waits on, kept whole so several outcomes can be awaited. */
  private final Map<String, List<JsonObject>> seen = new ConcurrentHashMap<>();
  private final List<MessageConsumer<JsonObject>> consumers = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start();
    HttpSession agent1 = server.login("agent1");
    HttpSession agent2 = server.login("agent2");
    desk1 = BridgeClient.connect(server.vertx, agent1).register(Addresses.agentPops("agent1"));
    desk2 = BridgeClient.connect(server.vertx, agent2).register(Addresses.agentPops("agent2"));
    for (String address : List.of(Addresses.TICKET_OPENED, Addresses.TICKET_UPDATED, Addresses.POP_SENT,
        Addresses.CALL_QUEUED, Addresses.MISSED_CALL_RECORDED)) {
      List<JsonObject> list = new CopyOnWriteArrayList<>();
      seen.put(address, list);
      MessageConsumer<JsonObject> c = server.vertx.eventBus().consumer(address, m -> {
        synchronized (list) {
          list.add(m.body());
          list.notifyAll();
        }
      });
      c.completion().await(5, TimeUnit.SECONDS);
      consumers.add(c);
    }
  }

  @AfterEach
  void stop() {
    consumers.forEach(MessageConsumer::unregister);
    desk1.close();
    desk2.close();
    server.close();
  }

  @Test
  @DisplayName("Calls that end, connect, are missed or begin ringing while asterisk-java drops events from its full "
      + "queue come out right after the resync: tickets ended, the missed call recorded, the new call popped once")
  void callsThroughAnOverflow() throws Exception {
    // Before the gap: each call in the state whose change the gap will hide.
    RingHandle abandonedRinging = ring("081234567021", "Budi Santoso", AGENT1);
    RingHandle talkingThenEnded = ring("081234567022", "Dewi Lestari", AGENT2);
    talkingThenEnded.answer().await(5, TimeUnit.SECONDS);
    awaitCallStatus(talkingThenEnded, "connected");
    RingHandle answeredInGap = ring("081234567023", "Sari Wulandari", AGENT1);
    RingHandle ringingThrough = ring("081234567024", "Agus Salim", AGENT2);
    RingHandle waitingThenGone = server.pbx().enterQueue("081234567025", "Rina Marlina", "eapp")
        .await(5, TimeUnit.SECONDS);
    await(Addresses.CALL_QUEUED, q -> waitingThenGone.linkedid().equals(q.getString("callId")));
    JsonObject normalPop = desk2.nextOfType("pop", 30_000);

    RingHandle rangInGap;
    RingHandle rangInBacklog;
    CompletableFuture<RingHandle> duringResync = new CompletableFuture<>();
    CompletableFuture<JsonArray> resynced = new CompletableFuture<>();
    long droppedBefore;
    try (HeldPump pump = HeldPump.hold(server)) {
      // Read before the queue is full: its ring waits in the pump's backlog, its hang-up comes after and is dropped.
      rangInBacklog = server.pbx().ring("081234567027", "Hendra Gunawan", "eapp", AGENT1, "Agent One")
          .await(5, TimeUnit.SECONDS);
      pump.fill();
      droppedBefore = pump.dropped();
      rangInBacklog.hangup().await(5, TimeUnit.SECONDS);
      abandonedRinging.hangup().await(5, TimeUnit.SECONDS);
      talkingThenEnded.hangup().await(5, TimeUnit.SECONDS);
      answeredInGap.answer().await(5, TimeUnit.SECONDS);
      waitingThenGone.hangup().await(5, TimeUnit.SECONDS);
      rangInGap = server.pbx().ring("081234567026", "Yusuf Hidayat", "eapp", AGENT2, "Agent Two")
          .await(5, TimeUnit.SECONDS);
      pump.awaitDropped(droppedBefore);
      assertThat(pump.dropped() - droppedBefore).as("events dropped during the hold").isPositive();
      assertThat(callStatus(abandonedRinging)).as("the gap's hang-up never reached the server").isEqualTo("ringing");
      // A call that begins after Asterisk listed its channels, while the resync still waits for the queues: the
      // listing cannot show it, so its absence must not end it.
      server.pbx().beforeAnswering("QueueStatus", () -> server.pbx()
          .ring("081234567028", "Lina Marlina", "eapp", AGENT1, "Agent One").onSuccess(duringResync::complete));
      server.vertx.eventBus().<JsonArray>consumer(Addresses.CALLS_RESYNCED, m -> resynced.complete(m.body()))
          .completion().await(5, TimeUnit.SECONDS);
    }
    JsonArray live = resynced.get(30, TimeUnit.SECONDS);
    RingHandle begunDuringResync = duringResync.get(5, TimeUnit.SECONDS);
    assertThat(live.stream().map(c -> ((JsonObject) c).getString("callId")))
        .as("the resync after the loss keeps the call begun while it ran")
        .contains(begunDuringResync.linkedid(), rangInGap.linkedid(), ringingThrough.linkedid())
        .doesNotContain(abandonedRinging.linkedid(), rangInBacklog.linkedid(), talkingThenEnded.linkedid());

    // After the gap: what the resync must have recovered, each awaited by the message that proves it.
    awaitCallStatus(abandonedRinging, "unanswered");
    awaitCallStatus(rangInBacklog, "unanswered");
    awaitCallStatus(talkingThenEnded, "ended");
    awaitCallStatus(answeredInGap, "connected");
    await(Addresses.MISSED_CALL_RECORDED, m -> waitingThenGone.linkedid().equals(m.getString("callId")));
    JsonObject gapPop = awaitPop(desk2, rangInGap);
    assertThat(gapPop.fieldNames()).as("the gap's pop carries what a normal pop does")
        .containsExactlyInAnyOrderElementsOf(normalPop.fieldNames());
    assertThat(gapPop.getJsonObject("ticket").getString("callerNumber")).isEqualTo("081234567026");

    // Events keep flowing after the resync: the calls still up end as usual.
    answeredInGap.hangup().await(5, TimeUnit.SECONDS);
    ringingThrough.hangup().await(5, TimeUnit.SECONDS);
    rangInGap.hangup().await(5, TimeUnit.SECONDS);
    begunDuringResync.hangup().await(5, TimeUnit.SECONDS);
    awaitCallStatus(answeredInGap, "ended");
    awaitCallStatus(begunDuringResync, "unanswered");
    awaitCallStatus(ringingThrough, "unanswered");
    awaitCallStatus(rangInGap, "unanswered");

    for (RingHandle call : List.of(abandonedRinging, talkingThenEnded, answeredInGap, ringingThrough, rangInGap,
        rangInBacklog, begunDuringResync)) {
      List<JsonObject> tickets = Sql.rows(server.server.pool(),
          "SELECT id, ended_at FROM tickets WHERE call_id = $1", call.linkedid());
      assertThat(tickets).as("tickets of call %s", call.linkedid()).hasSize(1);
      assertThat(tickets.get(0).getValue("ended_at")).as("end time of call %s", call.linkedid()).isNotNull();
      assertThat(Sql.rows(server.server.pool(), "SELECT id FROM pops WHERE ticket_id = $1",
          tickets.get(0).getLong("id"))).as("pops of call %s", call.linkedid()).hasSize(1);
    }
    assertThat(Sql.rows(server.server.pool(), "SELECT wait_seconds FROM missed_calls WHERE call_id = $1",
        waitingThenGone.linkedid())).as("missed-call rows").hasSize(1);
    assertThat(Sql.rows(server.server.pool(), "SELECT id FROM tickets WHERE call_id = $1",
        waitingThenGone.linkedid())).as("no ticket for a caller who never rang").isEmpty();
  }

  private RingHandle ring(String number, String name, String iface) throws Exception {
    RingHandle ring = server.pbx().ring(number, name, "eapp", iface, iface.equals(AGENT1) ? "Agent One" : "Agent Two")
        .await(5, TimeUnit.SECONDS);
    await(Addresses.POP_SENT, p -> ring.linkedid().equals(p.getString("callId")));
    return ring;
  }

  private JsonObject awaitPop(BridgeClient desk, RingHandle call) throws Exception {
    while (true) {
      JsonObject pop = desk.nextOfType("pop", 30_000);
      assertThat(pop).as("a pop for call %s", call.linkedid()).isNotNull();
      if (call.linkedid().equals(pop.getJsonObject("ticket").getString("callId"))) {
        return pop;
      }
    }
  }

  private void awaitCallStatus(RingHandle call, String status) throws Exception {
    long ticketId = await(Addresses.TICKET_OPENED, o -> call.linkedid().equals(o.getString("callId")))
        .getLong("ticketId");
    await(Addresses.TICKET_UPDATED, u -> u.getLong("ticketId") == ticketId && status.equals(u.getString("callStatus")));
  }

  private String callStatus(RingHandle call) {
    return Sql.rows(server.server.pool(), "SELECT call_status FROM tickets WHERE call_id = $1", call.linkedid())
        .stream().map(r -> r.getString("call_status")).findFirst().orElse("none");
  }

  /** The first message published on {@code address} (since the test began) that matches. */
  private JsonObject await(String address, Predicate<JsonObject> match) throws InterruptedException {
    List<JsonObject> list = seen.get(address);
    long deadline = System.currentTimeMillis() + 30_000;
    synchronized (list) {
      while (true) {
        for (JsonObject m : list) {
          if (match.test(m)) {
            return m;
          }
        }
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          throw new AssertionError("Nothing matching on " + address + " within 30 s; seen: " + list);
        }
        list.wait(left);
      }
    }
  }
}
