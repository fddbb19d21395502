package klip.supervision;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import klip.Addresses;
import klip.access.Principal;
import klip.facts.Backlog;
import klip.facts.WriteFence;
import klip.http.ApiError;
import klip.http.AuditedChange;
import klip.cluster.OwnerBound;
import klip.http.BrowserListeners;
import klip.identity.UserDirectory;
import klip.tickets.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The team leaders' live board: owns its state (built from telephony's call facts and agent states, replaced by
 * telephony's snapshot after every resync), keeps the day's counters in PostgreSQL so a restart loses none, and
 * pushes each team's whole board to that team's address whenever something changed. A browser that (re)connects
 * reads the same board over HTTP: nothing depends on events it missed.
 */
public final class SupervisionVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(SupervisionVerticle.class);
  /** Changes within this window go out as one push: a burst of AMI events is one board update. */
  private static final long PUSH_COALESCE_MS = 25;

  private final Pool pool;
  private final UserDirectory directory;
  private final Tickets tickets;
  private final BrowserListeners listeners;
  /** The board is fed by the node owning AMI: requests go there, and only it pushes. */
  private final OwnerBound ownerBound;
  /** The board's rows come from AMI facts: only the node owning AMI writes them. */
  private final WriteFence fence;
  private DayCounters counters;
  private final BoardSettings settings;
  private final Backlog backlog;
  /** The board's rows of each call, for the day's counters. */
  private BoardCallRows callRows;
  private Board board;
  private CallJoiner joiner;
  private MonitoringControls controls;
  private Hands hands;
  private final AuditedChange.Trail audit;
  private BoardTickets ticketReads;
  private EventBus bus;
  private Future<?> writes = Future.succeededFuture();
  private long pushTimer = -1;
  /** Whether telephony is connected to Asterisk; null until it says. Without it the board may be stale. */
  private Boolean amiUp;

  public SupervisionVerticle(Pool pool, UserDirectory directory, Tickets tickets, BrowserListeners listeners,
                             BoardSettings settings, Backlog backlog, AuditedChange.Trail audit,
                             OwnerBound ownerBound, WriteFence fence) {
    this.ownerBound = ownerBound;
    this.fence = fence;
    this.pool = pool;
    this.audit = audit;
    this.tickets = tickets;
    this.directory = directory;
    this.listeners = listeners;
    this.settings = settings;
    this.backlog = backlog;
  }

  @Override
  public Future<?> start() {
    bus = vertx.eventBus();
    callRows = new BoardCallRows(vertx, pool, backlog, fence, () -> {
      counters.stale();
      schedulePush();
    });
    board = new Board(settings.wrapUpMs());
    counters = new DayCounters(pool, settings.serviceLevelSeconds());
    joiner = new CallJoiner(pool, bus, directory, board, tickets, audit);
    controls = new MonitoringControls(pool, bus, board, joiner, audit);
    hands = new Hands(pool, bus, board, audit);
    ticketReads = new BoardTickets(tickets, board, this::schedulePush);
    return Future.all(List.of(
            fact(Addresses.CALL_QUEUED, f -> persist(board.queued(f), f)),
            fact(Addresses.CALL_RINGING, f -> persist(board.ringing(f), f)),
            fact(Addresses.CALL_ANSWERED, f -> persist(board.answered(f), f)),
            fact(Addresses.CALL_TRANSFERRED, board::transferred),
            fact(Addresses.CALL_ENDED, this::ended),
            fact(Addresses.CALL_MISSED, this::ended),
            fact(Addresses.AGENT_STATE, board::memberState),
            fact(Addresses.AMI_STATUS, status -> amiUp = status.getBoolean("up")),
            fact(Addresses.SPY_STARTED, f -> serially(() -> joiner.spyStarted(f))),
            fact(Addresses.SPY_STOPPED, f -> serially(() -> joiner.spyStopped(f))),
            fact(Addresses.TICKET_OPENED, f -> ticketReads.opened(f.getString("callId"), f.getLong("ticketId"))),
            fact(Addresses.TICKET_UPDATED, this::ticketUpdated),
            bus.<JsonArray>localConsumer(Addresses.CALLS_RESYNCED, m -> resynced(m.body())).completion(),
            bus.<JsonObject>localConsumer(Addresses.CALLS_RECONCILE, m -> reconciled(m.body())).completion(),
            request(Addresses.SUPERVISION_BOARD, body -> counters.fresh(writes).map(v -> boardOf(body.getString("team")))),
            request(Addresses.SUPERVISION_JOIN, body -> joiner.join(principal(body), body.getString("callId"),
                SpyMode.parse(body.getString("mode")), controls, body.getJsonObject("audit"))),
            request(Addresses.SUPERVISION_LEAVE, body -> controls.stop(principal(body), body.getString("callId"),
                body.getJsonObject("audit"))),
            request(Addresses.SUPERVISION_RAISE_HAND, body -> hands.raise(principal(body), body.getString("note"),
                body.getJsonObject("audit"))),
            request(Addresses.SUPERVISION_LOWER_HAND, body -> hands.lower(principal(body), body.getLong("handId"),
                body.getJsonObject("audit")))))
        // Controls, deployed before telephony, heard the first resync's member states this verticle may have missed.
        .compose(v -> bus.<JsonArray>request(Addresses.CONTROLS_MEMBERS, null)
            .onSuccess(members -> board.knownMembers(members.body()))
            .otherwise(err -> {
              log.warn("Member states before the board started not known: {}", err.getMessage());
              return null;
            }))
        .compose(v -> bus.<JsonArray>request(Addresses.CALLS_SNAPSHOT, null))
        .compose(snapshot -> {
          board.replace(snapshot.body(), System.currentTimeMillis());
          // The day's counters start again at midnight in Jakarta even when no call comes in.
          vertx.setPeriodic(60_000, id -> {
            if (counters.dayChanged()) {
              serially(counters::refresh);
            }
          });
          return Future.all(joiner.load(), hands.load(), counters.refresh(), ticketReads.refresh(liveCallIds()));
        });
  }

  /**
   * The call facts come from this node's telephony (node-local, applied once, by the node owning AMI); a ticket's
   * change may come from any node's API, so those are heard cluster-wide.
   */
  private Future<Void> fact(String address, Consumer<JsonObject> handler) {
    boolean anyNode = address.equals(Addresses.TICKET_OPENED) || address.equals(Addresses.TICKET_UPDATED);
    return (anyNode ? bus.<JsonObject>consumer(address) : bus.<JsonObject>localConsumer(address)).handler(m -> {
      try {
        handler.accept(m.body());
      } catch (RuntimeException e) {
        log.error("Board update from {} failed for call {}", address, m.body().getString("callId"), e);
      }
      schedulePush();
    }).completion();
  }

  /** A request from the HTTP API; an {@link ApiError} becomes a reply failure with its status code. */
  private Future<Void> request(String address, Function<JsonObject, Future<?>> handler) {
    return ownerBound.<JsonObject>consumer(address, (Message<JsonObject> m) -> {
      Future<?> result;
      try {
        result = handler.apply(m.body());
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onSuccess(body -> {
        m.reply(body);
        if (!address.equals(Addresses.SUPERVISION_BOARD)) {
          schedulePush(); // a join, or a hand raised or lowered, changes what every team leader sees
        }
      }).onFailure(err -> {
        if (err instanceof ApiError api) {
          m.fail(api.status(), api.toReplyMessage());
        } else {
          log.error("{} failed", address, err);
          m.fail(500, "Kesalahan server");
        }
      });
    });
  }

  private static Principal principal(JsonObject body) {
    return Principal.fromJson(body.getJsonObject("principal"));
  }

  private void ended(JsonObject fact) {
    String callId = fact.getString("callId");
    BoardCall call = board.ended(fact).orElse(null);
    if (call != null && call.state == BoardCall.State.TALKING) {
      // The agent's wrap-up ends on its own: push again when it does.
      vertx.setTimer(settings.wrapUpMs() + 10, id -> schedulePush());
    }
    long at = fact.getLong("eventAt");
    callRows.persist(call, fact, at);
    callRows.durably(callId, () -> joiner.callEnded(callId, at).compose(v -> hands.callEnded(callId)));
  }

  private void persist(BoardCall call, JsonObject fact) {
    callRows.persist(call, fact, null);
  }

  /** Writes run one after the other so the counters read after a write include it. */
  private void serially(Supplier<Future<?>> work) {
    Future<?> next = writes.transform(ar -> work.get())
        .onFailure(err -> log.error("Supervision write failed", err))
        .onComplete(ar -> schedulePush());
    writes = next;
  }

  private void resynced(JsonArray snapshot) {
    amiUp = true;
    board.replace(snapshot, System.currentTimeMillis());
    ticketReads.refresh(liveCallIds());
    schedulePush();
  }

  /** Calls that ended while nobody listened end on the board's projection too ({@link BoardCallRows#reconcile}). */
  private void reconciled(JsonObject request) {
    if ("start".equals(request.getString("reason"))) {
      // This node reads Asterisk from now on: at a take-over, another node fed the board until now.
      Future.all(joiner.load(), hands.load()).onComplete(ar -> schedulePush())
          .onFailure(err -> log.warn("Joins and raised hands not re-read after this node took AMI over: {}",
              err.getMessage()));
    }
    callRows.reconcile(request);
  }

  private List<String> liveCallIds() {
    return board.calls().stream().map(c -> c.callId).toList();
  }

  private void ticketUpdated(JsonObject update) {
    if (update.containsKey("callStatus")) {
      // The call's own progress (connected, ended): nothing the board shows of the ticket changed.
      return;
    }
    Long ticketId = update.getLong("ticketId");
    List<String> ids = board.calls().stream().filter(c -> ticketId != null && ticketId.equals(c.ticketId))
        .map(c -> c.callId).toList();
    ids.forEach(ticketReads::read);
  }

  private void schedulePush() {
    if (pushTimer < 0) {
      pushTimer = vertx.setTimer(PUSH_COALESCE_MS, id -> {
        pushTimer = -1;
        pushAll();
      });
    }
  }

  /**
   * Pushes the board of every team whose board a browser has open. Building a board walks the whole directory,
   * so boards nobody watches are not built; a browser that opens one starts from GET /api/board.
   */
  private void pushAll() {
    if (!ownerBound.answersHere()) {
      return; // this node's board is not fed by Asterisk: the owner pushes every team's board cluster-wide
    }
    Set<String> teams = directory.teamsWithLeader();
    teams.removeIf(team -> !listeners.anyListening(Addresses.teamBoard(team)));
    if (teams.isEmpty()) {
      return;
    }
    counters.fresh(writes).onComplete(ar -> {
      for (String team : teams) {
        bus.publish(Addresses.teamBoard(team), new JsonObject().put("type", "board").put("board", boardOf(team)));
      }
    });
  }

  private JsonObject boardOf(String team) {
    hands.attachTo(board.calls());
    joiner.attachTo(board.calls());
    return board.toJson(team, new ArrayList<>(directory.all()), directory::byInterface, counters.current(),
        System.currentTimeMillis()).put("pbxConnected", amiUp);
  }
}
