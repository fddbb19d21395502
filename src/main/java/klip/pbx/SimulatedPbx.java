package klip.pbx;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP server speaking the Asterisk Manager Interface like Asterisk 22 with the KLIP queue set-up:
 * it plays taxpayer calls, answers resync actions from live state, replays captures and injects faults.
 * All state lives on one Vert.x context; public methods may be called from any thread.
 */
public final class SimulatedPbx {
  private static final Logger log = LoggerFactory.getLogger(SimulatedPbx.class);

  private final Vertx vertx;
  private final PbxConfig config;
  private final Context context;
  private final PbxState state = new PbxState();
  private final List<SimulatedAmiSession> sessions = new CopyOnWriteArrayList<>();
  private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();
  /** Steps to take before answering the next action of a name (lower case), e.g. a hang-up during a listing. */
  private final Map<String, Supplier<Future<?>>> beforeAnswering = new ConcurrentHashMap<>();
  private final CallPlayer player;
  private final ActionDispatcher dispatcher;
  private final OriginateHandler originates;
  private volatile boolean rejectLogins;
  private NetServer server;

  private record Waiter(String action, Promise<Map<String, String>> promise) {
  }

  public SimulatedPbx(Vertx vertx, PbxConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.context = vertx.getOrCreateContext();
    ChannelEvents events = new ChannelEvents(this::broadcast);
    config.queues().forEach((q, members) -> members.forEach(m -> state.addMember(q, m.iface(), m.name())));
    this.player = new CallPlayer(vertx, context, state, events, config.recordingPath(), config.timeScale());
    originates = new OriginateHandler(vertx, state, events);
    state.removalListener = ch -> originates.channelsChanged();
    this.dispatcher = new ActionDispatcher(vertx, config, state, player, originates, events, () -> rejectLogins);
  }

  /** Starts listening; completes with the actual port (useful with port 0). */
  public Future<Integer> start() {
    Promise<Integer> p = Promise.promise();
    context.runOnContext(v -> {
      server = vertx.createNetServer();
      server.connectHandler(socket -> sessions.add(new SimulatedAmiSession(socket, this::onAction, sessions::remove)));
      server.listen(config.port()).onSuccess(s -> {
        log.info("Simulated PBX listening on port {}", s.actualPort());
        p.complete(s.actualPort());
      }).onFailure(p::fail);
    });
    return p.future();
  }

  public int port() {
    return server == null ? -1 : server.actualPort();
  }

  public Future<Void> stop() {
    return onContext(() -> new ArrayList<>(sessions).forEach(SimulatedAmiSession::cut))
        .compose(v -> server == null ? Future.succeededFuture() : server.close());
  }

  public PbxConfig config() {
    return config;
  }

  private void onAction(SimulatedAmiSession s, AmiMessage action) {
    Map<String, String> fields = action.asMap();
    received.add(fields);
    String name = String.valueOf(action.get("Action"));
    List<Waiter> due = new ArrayList<>();
    synchronized (waiters) {
      for (Iterator<Waiter> it = waiters.iterator(); it.hasNext();) {
        Waiter w = it.next();
        if (w.action.equalsIgnoreCase(name)) {
          it.remove();
          due.add(w);
        }
      }
    }
    due.forEach(w -> w.promise.complete(fields));
    Supplier<Future<?>> step = beforeAnswering.remove(name.toLowerCase(Locale.ROOT));
    if (step == null) {
      dispatcher.handle(s, action);
    } else {
      step.get().onComplete(ar -> context.runOnContext(v -> dispatcher.handle(s, action)));
    }
  }

  private void broadcast(AmiMessage event) {
    String text = event.encode();
    for (SimulatedAmiSession s : sessions) {
      if (s.receivesEvents()) {
        s.sendRaw(text);
      }
    }
  }

  private Future<Void> onContext(Runnable r) {
    Promise<Void> p = Promise.promise();
    context.runOnContext(v -> {
      r.run();
      p.complete();
    });
    return p.future();
  }

  // ---- calls ----

  /** Plays a whole call; completes with its Linkedid once every leg has hung up. */
  public Future<String> play(CallScenario scenario) {
    return player.play(scenario);
  }

  /** Enters a call and rings one member; the call then waits for the handle's commands. */
  public Future<RingHandle> ring(String callerNumber, String callerName, String queue, String iface, String memberName) {
    return Future.<QueueMemberState>future(p -> context.runOnContext(v -> p.complete(player.member(queue, iface, memberName))))
        .compose(m -> player.ring(CallScenario.builder(callerNumber, callerName).queue(queue).build(), m));
  }

  /**
   * Enters a caller who waits in the queue and rings nobody; the handle's {@link RingHandle#hangup()} makes them a
   * missed call at a moment the test chooses (the handle has no agent: its agent steps do nothing).
   */
  public Future<RingHandle> enterQueue(String callerNumber, String callerName, String queue) {
    return player.enterOnly(CallScenario.builder(callerNumber, callerName).queue(queue).build());
  }

  /** The demo "ring a call" button: rings the next free member of queue eapp (rrmemory order). */
  public Future<RingHandle> ringNextAvailable(String callerNumber, String callerName) {
    return player.ringNextAvailable("eapp", callerNumber, callerName);
  }

  /** Snapshot of live channel names, in creation order. */
  public Future<List<String>> liveChannels() {
    return Future.future(p -> context.runOnContext(v ->
        p.complete(state.liveChannels().stream().map(PbxChannel::name).toList())));
  }

  /** The mode ChanSpy runs in on this spyer channel now (listen, whisper, barge); empty when no spy runs on it. */
  public Future<Optional<String>> spyMode(String spyerChannel) {
    return Future.future(p -> context.runOnContext(v -> p.complete(originates.spyMode(spyerChannel))));
  }

  /** Snapshot of a queue's members (interface, name, paused, status). */
  public Future<List<QueueMemberState>> members(String queue) {
    return Future.future(p -> context.runOnContext(v -> p.complete(state.queue(queue).members())));
  }

  // ---- replay ----

  /** Sends a capture's events to every logged-in client; completes when all bytes are written. */
  public Future<Void> replay(String transcript, Duration pace) {
    List<String> events = TranscriptReplayer.events(transcript);
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> replayFrom(events, 0, pace, done));
    return done.future();
  }

  public Future<Void> replay(String transcript) {
    return replay(transcript, Duration.ZERO);
  }

  private void replayFrom(List<String> events, int index, Duration pace, Promise<Void> done) {
    if (pace.isZero()) {
      sendRaw(String.join("", events.subList(index, events.size()))).onComplete(done);
    } else if (index >= events.size()) {
      done.complete();
    } else {
      sendRaw(events.get(index));
      vertx.setTimer(Math.max(1, pace.toMillis()), t -> replayFrom(events, index + 1, pace, done));
    }
  }

  // ---- fault injection and observation ----

  /** Cuts every client connection at once, as a PBX restart would. */
  public Future<Void> disconnectAll() {
    return onContext(() -> new ArrayList<>(sessions).forEach(SimulatedAmiSession::cut));
  }

  /**
   * The next action of that name is answered only once {@code step} has completed, so whatever the step sends
   * reaches the client before the answer: a hang-up while the client's status listing is still in flight.
   */
  public void beforeAnswering(String action, Supplier<Future<?>> step) {
    beforeAnswering.put(action.toLowerCase(Locale.ROOT), step);
  }

  public void rejectLogins(boolean reject) {
    this.rejectLogins = reject;
  }

  /** Writes bytes as they are to every logged-in client (malformed input tests). */
  public Future<Void> sendRaw(String bytes) {
    Promise<Void> p = Promise.promise();
    context.runOnContext(v -> {
      List<Future<Void>> writes = new ArrayList<>();
      for (SimulatedAmiSession s : sessions) {
        if (s.receivesEvents()) {
          writes.add(s.sendRaw(bytes));
        }
      }
      Future.all(writes).<Void>mapEmpty().onComplete(p);
    });
    return p.future();
  }

  /** Every action received so far, in order, as field maps (thread-safe snapshot). */
  public List<Map<String, String>> receivedActions() {
    return List.copyOf(received);
  }

  /** Completes with the next action of that name (e.g. "Originate") received after this call. */
  public Future<Map<String, String>> nextAction(String action) {
    Promise<Map<String, String>> p = Promise.promise();
    // Registered at once, not via the context, so an action sent right after this call is never missed.
    synchronized (waiters) {
      waiters.add(new Waiter(action, p));
    }
    return p.future();
  }

  /** Number of connected clients, logged in or not. */
  public int connectedClients() {
    return sessions.size();
  }
}
