package klip.telephony;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.config.AppConfig;
import klip.cluster.OwnerBound;
import static klip.telephony.EventBusCallFacts.NODE_LOCAL;
import klip.facts.Backlogs;
import io.vertx.sqlclient.Pool;
import klip.observability.Metrics;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Owns the one AMI connection (asterisk-java over TCP) and the call model. asterisk-java calls our listener
 * on its reader thread: the listener only translates the event and hands it to this verticle's context.
 * On every (re)connection the model is resynchronised from CoreShowChannels and QueueStatus.
 *
 * <p>Back-pressure: when a consumer of the call facts has as many waiting as it may hold (the database has been
 * away for minutes), reading from Asterisk stops (logoff) until there is room again; the login that follows
 * resynchronises and reconciles, as after any reconnect. asterisk-java itself cannot be slowed down (it drops
 * events when its listeners are slow), so not reading at all is the honest way to stop.
 * After a reconnect, the model is first brought up to date from what Asterisk's CEL recorded during the
 * outage ({@link OutageGap}).
 *
 * <p>Only the node holding the AMI lease ({@link AmiOwnership}) opens the connection; the others stand by and take
 * over, with the same resync and reconciliation as after a restart, once the owner has stopped renewing it.
 */
public final class TelephonyVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(TelephonyVerticle.class);
  private static final long FIRST_RETRY_MS = 500;
  private static final String DROPPED = "events dropped";

  private final AppConfig.Ami ami;
  private final List<String> rosterInterfaces;
  private final AmiStatus status;
  private final Metrics metrics;
  private final Backlogs backlogs;
  private ManagerConnection connection;
  private CallModel model;
  private AmiSession session;
  private long retryDelayMs = FIRST_RETRY_MS;
  private boolean everConnected;
  private final OutageGap outageGap;
  private final ListeningMark mark;
  private final AmiLease lease;
  private final OwnerBound ownerBound;
  private AmiOwnership ownership;
  /** Another node holds the AMI lease: this one does not read from Asterisk. */
  private boolean standby = true;
  /** When the connection was lost (0 while connected): the start of the window read back from CEL. */
  private long lostAt;
  private volatile boolean stopping;
  /** Reading stopped because a consumer's backlog is full. */
  private boolean paused;
  /** Our own login is under way: its success resynchronises, the ConnectEvent it causes must not again. */
  private boolean loggingIn;
  /** asterisk-java's dropped events of this connection; null when they cannot be noticed. */
  private PumpOverflow.Watch overflow;
  /** A resynchronisation is under way; {@code resyncAgain} is the reason for one more after it, if any. */
  private boolean resyncing;
  private String resyncAgain;

  public TelephonyVerticle(AppConfig.Ami ami, List<String> rosterInterfaces, AmiStatus status, Metrics metrics,
                           Backlogs backlogs, Pool pool, OwnerBound ownerBound) {
    this.ownerBound = ownerBound;
    this.outageGap = new OutageGap(pool);
    this.mark = new ListeningMark(pool);
    this.ami = ami;
    this.backlogs = backlogs;
    this.rosterInterfaces = rosterInterfaces;
    this.status = status;
    this.metrics = metrics;
    this.lease = new AmiLease(pool, status.node());
  }

  @Override
  public Future<?> start() {
    ownership = new AmiOwnership(vertx, lease, status, this::owned, this::standBy);
    model = new CallModel(new EventBusCallFacts(vertx.eventBus(), metrics), rosterInterfaces);
    connection = new ManagerConnectionFactory(ami.host(), ami.port(), ami.username(), ami.secret())
        .createManagerConnection();
    connection.setSocketTimeout(5000);
    session = new AmiSession(vertx, connection);
    Metrics.Counter dropped = metrics.counter("klip_ami_events_dropped_total",
        "AMI events asterisk-java dropped because its event queue was full (each loss is followed by a resync)");
    overflow = PumpOverflow.watch(dropped::inc);
    AmiListener listener = new AmiListener(context, model, metrics, this::onConnectEvent, this::onDisconnectEvent,
        overflow, this::eventsDropped);
    connection.addEventListener(listener);
    vertx.setPeriodic(60_000, id -> model.purgeEnded(System.currentTimeMillis()));
    backlogs.watchPressure(() -> context.runOnContext(v -> pressureChanged()));
    metrics.counter("klip_ami_reconnects_total", "AMI reconnections after a lost connection")
        .add(0);
    // The model is this node's: a snapshot is asked by this node's capabilities. Actions on Asterisk are answered
    // by whichever node owns the connection (OwnerBound forwards them there).
    return vertx.eventBus().<JsonObject>localConsumer(Addresses.CALLS_SNAPSHOT, msg -> msg.reply(snapshot()))
        .completion()
        .compose(v -> ownerBound.<JsonObject>consumer(Addresses.ORIGINATE,
            msg -> session.originate(OriginateRequest.fromJson(msg.body()))
                .onSuccess(msg::reply)
                .onFailure(err -> msg.fail(502, err.getMessage()))))
        .compose(v -> new AgentActions(session, status).register(ownerBound))
        .compose(v -> SpyControls.register(ownerBound, session))
        .onSuccess(v -> {
          vertx.setPeriodic(ListeningMark.REFRESH_MS, id -> markHeard());
          ownership.start();
        });
  }

  /**
   * This node holds the AMI lease now: at start or taking over from a node that stopped renewing it. The window
   * since Asterisk was last heard (by whichever node) is read back from CEL at the first connection.
   */
  private void owned(long token) {
    standby = false;
    downtimeStart().onComplete(ar -> login());
  }

  /** Another node took the lease: stop reading at once; what this node still writes is refused by the fence. */
  private void standBy() {
    standby = true;
    status.down("Standby: the AMI connection is owned by " + status.owner());
    vertx.eventBus().publish(Addresses.AMI_STATUS, new JsonObject().put("up", false), NODE_LOCAL);
    vertx.executeBlocking(() -> {
      if (connection.getState() == ManagerConnectionState.CONNECTED) {
        connection.logoff();
      }
      return null;
    });
  }

  /**
   * At start, the window since the previous server last heard Asterisk is treated like an AMI outage: the first
   * connection reads it back from CEL. Without the mark (the database away) the start goes on without it.
   */
  private Future<Void> downtimeStart() {
    return mark.lastHeard()
        .map(at -> {
          lostAt = at;
          if (at > 0) {
            log.info("Asterisk last heard at {}: its CEL since then is read at the first connection",
                java.time.Instant.ofEpochMilli(at));
          }
          return (Void) null;
        })
        .recover(err -> {
          log.warn("When Asterisk was last heard could not be read ({}); calls of the downtime are reconciled only",
              err.getMessage());
          return Future.succeededFuture();
        });
  }

  private void markHeard() {
    Long token = ownership.token();
    if (status.connected() && lostAt == 0 && token != null) {
      mark.heardAt(System.currentTimeMillis(), token)
          .onFailure(err -> log.debug("Listening mark not moved: {}", err.getMessage()));
    }
  }

  private JsonArray snapshot() {
    JsonArray calls = new JsonArray();
    model.liveCalls().forEach(c -> calls.add(c.toJson()));
    return calls;
  }

  /** The first login, retried with backoff: a PBX that is down at start-up must not stop the server. */
  private void login() {
    if (stopping || paused || standby) {
      return;
    }
    loggingIn = true;
    session.login()
        .onComplete(ar -> loggingIn = false)
        .onSuccess(v -> {
          log.info("AMI logged in to {}:{} as {}", ami.host(), ami.port(), ami.username());
          retryDelayMs = FIRST_RETRY_MS;
          connected();
        })
        .onFailure(err -> {
          String reason = "AMI login to " + ami.host() + ":" + ami.port() + " as " + ami.username() + " failed: "
              + err.getMessage();
          log.error("{}; retrying in {} ms", reason, retryDelayMs);
          status.down(reason);
          vertx.setTimer(retryDelayMs, id -> login());
          retryDelayMs = Math.min(retryDelayMs * 2, ami.reconnectMaxMs());
        });
  }

  private void connected() {
    boolean reconnect = everConnected;
    status.up(reconnect);
    if (reconnect) {
      metrics.counter("klip_ami_reconnects_total", "AMI reconnections after a lost connection").inc();
    }
    everConnected = true;
    vertx.eventBus().publish(Addresses.AMI_STATUS, new JsonObject().put("up", true), NODE_LOCAL);
    resynchronise(reconnect ? "reconnect" : "start");
  }

  /**
   * What Asterisk's CEL recorded since {@code lostAt}, then what is live now, then the reconciliation of open
   * tickets; one at a time (a reason arriving meanwhile runs after it).
   */
  private void resynchronise(String reason) {
    if (resyncing) {
      resyncAgain = reason;
      return;
    }
    resyncing = true;
    long askedAt = System.currentTimeMillis();
    model.beginResync();
    fillOutage()
        .compose(v -> session.resync(model))
        .onSuccess(v -> {
          status.resynchronised();
          markHeard();
          JsonArray live = snapshot();
          vertx.eventBus().publish(Addresses.CALLS_RESYNCED, live, NODE_LOCAL);
          vertx.eventBus().publish(Addresses.CALLS_RECONCILE, reconcileRequest(live, askedAt, reason),
              NODE_LOCAL);
        })
        .onFailure(err -> {
          log.warn("Resynchronisation from Asterisk ({}) failed: {}", reason, err.getMessage());
          model.endResync();
          if (DROPPED.equals(reason) && resyncAgain == null) {
            // Still connected: the answers were lost like the events were; a reconnect resynchronises by itself.
            vertx.setTimer(FIRST_RETRY_MS, id -> {
              if (status.connected()) {
                resynchronise(DROPPED);
              }
            });
          }
        })
        .onComplete(ar -> {
          resyncing = false;
          if (resyncAgain != null) {
            String again = resyncAgain;
            resyncAgain = null;
            resynchronise(again);
          }
        });
  }

  /**
   * asterisk-java dropped AMI events (see {@link PumpOverflow}); its pump is delivering again. What they said is
   * read back as after a lost connection: from Asterisk's CEL since the first drop, then what is live now.
   */
  private void eventsDropped(long firstDropAt) {
    log.error("asterisk-java dropped AMI events from {} on (its event queue was full); resynchronising",
        java.time.Instant.ofEpochMilli(firstDropAt));
    if (lostAt == 0 || firstDropAt < lostAt) {
      lostAt = firstDropAt;
    }
    if (status.connected() && !stopping && !paused && !standby) {
      resynchronise(DROPPED);
    }
  }

  /**
   * What was open in PostgreSQL is reconciled against what Asterisk has live: at a start the model is empty, so
   * this is the only way calls that ended while the server was down get ended.
   */
  private static JsonObject reconcileRequest(JsonArray live, long askedAt, String reason) {
    JsonArray ids = new JsonArray();
    live.forEach(c -> ids.add(((JsonObject) c).getString("callId")));
    return new JsonObject().put("at", askedAt).put("reason", reason).put("liveCallIds", ids)
        .put("knownEnds", new JsonObject());
  }

  /**
   * After a reconnect, first what Asterisk's CEL recorded during the outage (calls that rang, were answered or
   * ended meanwhile, with their real times), then what is live now. A failed read is logged: the live resync
   * still runs.
   */
  private Future<Void> fillOutage() {
    long cutAt = lostAt;
    if (cutAt == 0) {
      return Future.succeededFuture();
    }
    return outageGap.read(cutAt, System.currentTimeMillis())
        .map(rows -> {
          int calls = OutageGap.apply(model, rows, cutAt);
          metrics.counter("klip_ami_outage_calls_filled_total", "Calls completed from CEL after an AMI outage")
              .add(calls);
          lostAt = 0;
          markHeard();
          return (Void) null;
        })
        .recover(err -> {
          log.warn("Reading Asterisk's CEL for the AMI outage failed: {}", err.getMessage());
          return Future.succeededFuture();
        });
  }

  /**
   * asterisk-java reconnects by itself and reports the banner of the new connection as a ConnectEvent, before
   * it has logged in again; we wait for the login to complete before resynchronising.
   */
  private void onConnectEvent(ConnectEvent event) {
    if (!everConnected || status.connected() || loggingIn) {
      return;
    }
    awaitLoggedIn(50);
  }

  private void awaitLoggedIn(int attemptsLeft) {
    if (connection.getState() == ManagerConnectionState.CONNECTED) {
      log.info("AMI connection re-established");
      connected();
    } else if (attemptsLeft > 0) {
      vertx.setTimer(100, id -> awaitLoggedIn(attemptsLeft - 1));
    } else {
      watchdog();
    }
  }

  private void onDisconnectEvent(DisconnectEvent event) {
    if (stopping || paused || standby) {
      return;
    }
    log.warn("AMI connection lost; live call state unknown until reconnected");
    if (lostAt == 0) {
      lostAt = System.currentTimeMillis();
    }
    status.down("AMI connection lost");
    vertx.eventBus().publish(Addresses.AMI_STATUS, new JsonObject().put("up", false), NODE_LOCAL);
    vertx.setTimer(Math.max(ami.reconnectMaxMs(), 1000), id -> watchdog());
  }

  /** asterisk-java gives up reconnecting after a failed re-login; then we start our own login loop again. */
  private void watchdog() {
    ManagerConnectionState state = connection.getState();
    if (paused || standby) {
      return;
    }
    if (!stopping && !status.connected()
        && (state == ManagerConnectionState.DISCONNECTED || state == ManagerConnectionState.INITIAL)) {
      log.warn("asterisk-java stopped reconnecting (state {}); logging in again", state);
      login();
    } else if (!stopping && !status.connected()) {
      vertx.setTimer(Math.max(ami.reconnectMaxMs(), 1000), id -> watchdog());
    }
  }

  private void pressureChanged() {
    if (!paused && backlogs.anyFull() && !stopping) {
      paused = true;
      String reason = "AMI reading paused: call facts waiting for the database fill the backlog";
      log.error("{}; resuming (with a resync and reconciliation) once it has drained to half", reason);
      status.down(reason);
      vertx.eventBus().publish(Addresses.AMI_STATUS, new JsonObject().put("up", false), NODE_LOCAL);
      vertx.executeBlocking(() -> {
        if (connection.getState() == ManagerConnectionState.CONNECTED) {
          connection.logoff();
        }
        return null;
      });
    } else if (paused && backlogs.allRoomy()) {
      paused = false;
      log.info("Call facts backlog drained: reading from Asterisk again");
      login();
    }
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    Promise<Void> done = Promise.promise();
    vertx.executeBlocking(() -> {
      if (connection.getState() == ManagerConnectionState.CONNECTED) {
        connection.logoff();
      }
      return null;
    }).onComplete(ar -> done.complete());
    PumpOverflow.unwatch(overflow);
    return done.future().compose(v -> ownership.stop());
  }

  /** For tests: the connection, whose event pump a test holds to make asterisk-java drop events. */
  ManagerConnection connection() {
    return connection;
  }

  /** For tests: the model's view, on this verticle's context. */
  public CallModel model() {
    return model;
  }

  static void logIgnored(ManagerEvent event) {
    log.debug("Ignored AMI event {}", event.getClass().getSimpleName());
  }
}
