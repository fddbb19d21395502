package klip.telephony;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.config.AppConfig;
import klip.cluster.OwnerBound;
import static klip.telephony.EventBusCallFacts.NODE_LOCAL;
import klip.facts.Backlogs;
import io.vertx.sqlclient.Pool;
import klip.observability.Metrics;
import org.asteriskjava.manager.ManagerConnection;
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
 * On every (re)connection, and after events asterisk-java dropped ({@link PumpOverflow}), the model catches up
 * ({@link CatchUp}): from CEL since Asterisk was last fully heard, then CoreShowChannels and QueueStatus.
 *
 * <p>Back-pressure: when a consumer of the call facts has as many waiting as it may hold (the database has been
 * away for minutes), reading from Asterisk stops (logoff) until there is room again; the login that follows
 * resynchronises and reconciles, as after any reconnect. asterisk-java itself cannot be slowed down (it drops
 * events when its listeners are slow), so not reading at all is the honest way to stop.
 *
 * <p>Only the node holding the AMI lease ({@link AmiOwnership}) opens the connection; the others stand by and take
 * over, with the same resync and reconciliation as after a restart, once the owner has stopped renewing it.
 */
public final class TelephonyVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(TelephonyVerticle.class);
  private static final long FIRST_RETRY_MS = 500;

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
  private final Pool pool;
  private final AmiLease lease;
  private final OwnerBound ownerBound;
  private AmiOwnership ownership;
  /** Another node holds the AMI lease: this one does not read from Asterisk. */
  private boolean standby = true;
  /** After every stretch in which Asterisk was not (fully) heard: CEL, live channels, reconciliation. */
  private CatchUp catchUp;
  private volatile boolean stopping;
  /** Reading stopped because a consumer's backlog is full. */
  private boolean paused;
  /** Our own login is under way: its success resynchronises, the ConnectEvent it causes must not again. */
  private boolean loggingIn;
  /** asterisk-java's dropped events of this connection; null when they cannot be noticed. */
  private PumpOverflow.Watch overflow;

  public TelephonyVerticle(AppConfig.Ami ami, List<String> rosterInterfaces, AmiStatus status, Metrics metrics,
                           Backlogs backlogs, Pool pool, OwnerBound ownerBound) {
    this.ownerBound = ownerBound;
    this.pool = pool;
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
    connection = UnreadAmiEvents.connection(ami.host(), ami.port(), ami.username(), ami.secret());
    connection.setSocketTimeout(5000);
    session = new AmiSession(vertx, connection);
    Metrics.Counter dropped = metrics.counter("klip_ami_events_dropped_total",
        "AMI events asterisk-java dropped because its event queue was full (each loss is followed by a resync)");
    overflow = PumpOverflow.watch(dropped::inc);
    PumpOverflow.Watch watch = overflow;
    catchUp = new CatchUp(vertx, pool, model, session, status, metrics, ownership::token,
        () -> watch == null ? 0 : watch.dropped());
    AmiListener listener = new AmiListener(context, model, metrics, this::onConnectEvent, this::onDisconnectEvent,
        overflow, this::eventsDropped);
    connection.addEventListener(listener);
    vertx.setPeriodic(60_000, id -> model.purgeEnded(System.currentTimeMillis()));
    backlogs.watchPressure(() -> context.runOnContext(v -> pressureChanged()));
    metrics.counter("klip_ami_reconnects_total", "AMI reconnections after a lost connection")
        .add(0);
    // The model is this node's: a snapshot is asked by this node's capabilities. Actions on Asterisk are answered
    // by whichever node owns the connection (OwnerBound forwards them there).
    return vertx.eventBus().<JsonObject>localConsumer(Addresses.CALLS_SNAPSHOT,
            msg -> msg.reply(catchUp.snapshot())).completion()
        .compose(v -> ownerBound.<JsonObject>consumer(Addresses.ORIGINATE,
            msg -> session.originate(OriginateRequest.fromJson(msg.body()))
                .onSuccess(msg::reply)
                .onFailure(err -> msg.fail(502, err.getMessage()))))
        .compose(v -> new AgentActions(session, status).register(ownerBound))
        .compose(v -> SpyControls.register(ownerBound, session))
        .onSuccess(v -> {
          vertx.setPeriodic(ListeningMark.REFRESH_MS, id -> catchUp.heard());
          ownership.start();
        });
  }

  /**
   * This node holds the AMI lease now: at start or taking over from a node that stopped renewing it. The window
   * since Asterisk was last heard (by whichever node) is read back from CEL at the first connection.
   */
  private void owned(long token) {
    standby = false;
    catchUp.sinceLastHeard().onComplete(ar -> login());
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
    catchUp.run(reconnect ? "reconnect" : "start");
  }

  /**
   * asterisk-java dropped AMI events (see {@link PumpOverflow}); its pump is delivering again. What they said is
   * read back as after a lost connection: from Asterisk's CEL since the first drop, then what is live now.
   */
  private void eventsDropped(long firstDropAt) {
    log.error("asterisk-java dropped AMI events from {} on (its event queue was full); resynchronising",
        java.time.Instant.ofEpochMilli(firstDropAt));
    catchUp.lost(firstDropAt);
    if (status.connected() && !stopping && !paused && !standby) {
      catchUp.run(CatchUp.DROPPED);
    }
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
    catchUp.lost(System.currentTimeMillis());
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
