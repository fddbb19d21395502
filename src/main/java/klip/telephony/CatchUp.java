package klip.telephony;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import klip.Addresses;
import klip.observability.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import static klip.telephony.EventBusCallFacts.NODE_LOCAL;

/**
 * Brings the call model back in step with Asterisk after a stretch in which it was not heard, or not fully: a
 * start, a lost connection, events asterisk-java dropped. First what Asterisk's CEL recorded since the stretch
 * began ({@link OutageGap}), then what is live now ({@link Resynchroniser}), then the reconciliation of the tickets
 * still open; one catch-up at a time. Also keeps the listening mark, when Asterisk was last heard, from which the
 * next start knows where its stretch began. Confined to the telephony verticle's event loop.
 */
final class CatchUp {

  /** The reason given for a catch-up after asterisk-java dropped events. */
  static final String DROPPED = "events dropped";
  private static final Logger log = LoggerFactory.getLogger(CatchUp.class);
  private static final long RETRY_MS = 500;

  private final Vertx vertx;
  private final CallModel model;
  private final AmiSession session;
  private final AmiStatus status;
  private final Metrics metrics;
  private final OutageGap outageGap;
  private final ListeningMark mark;
  /** The AMI lease's fencing token, null while this node does not hold it. */
  private final Supplier<Long> token;
  /** Events asterisk-java dropped so far on this connection (0 when drops cannot be noticed). */
  private final LongSupplier dropped;
  /** Since when Asterisk was not (fully) heard; 0 when it was all along. */
  private long lostAt;
  private boolean running;
  /** The reason of one more catch-up once the running one is over, if any. */
  private String again;

  CatchUp(Vertx vertx, Pool pool, CallModel model, AmiSession session, AmiStatus status, Metrics metrics,
          Supplier<Long> token, LongSupplier dropped) {
    this.vertx = vertx;
    this.model = model;
    this.session = session;
    this.status = status;
    this.metrics = metrics;
    this.outageGap = new OutageGap(pool);
    this.mark = new ListeningMark(pool);
    this.token = token;
    this.dropped = dropped;
  }

  /**
   * At start, the stretch since the previous server last heard Asterisk is treated like an AMI outage: the first
   * connection reads it back from CEL. Without the mark (the database away) the start goes on without it.
   */
  Future<Void> sinceLastHeard() {
    return mark.lastHeard()
        .map(at -> {
          lostAt = at;
          if (at > 0) {
            log.info("Asterisk last heard at {}: its CEL since then is read at the first connection",
                Instant.ofEpochMilli(at));
          }
          return (Void) null;
        })
        .recover(err -> {
          log.warn("When Asterisk was last heard could not be read ({}); calls of the downtime are reconciled only",
              err.getMessage());
          return Future.succeededFuture();
        });
  }

  /** Moves the listening mark on while Asterisk is heard with nothing missed. */
  void heard() {
    Long fence = token.get();
    if (status.connected() && lostAt == 0 && fence != null) {
      mark.heardAt(System.currentTimeMillis(), fence)
          .onFailure(err -> log.debug("Listening mark not moved: {}", err.getMessage()));
    }
  }

  /** Asterisk was not (fully) heard from {@code at} on: the next catch-up reads CEL from there. */
  void lost(long at) {
    if (lostAt == 0 || at < lostAt) {
      lostAt = at;
    }
  }

  /** The model's live calls, as the board and the reconciliation take them. */
  JsonArray snapshot() {
    JsonArray calls = new JsonArray();
    model.liveCalls().forEach(c -> calls.add(c.toJson()));
    return calls;
  }

  /** Catches up now, or after the catch-up under way. */
  void run(String reason) {
    if (running) {
      again = reason;
      return;
    }
    running = true;
    long askedAt = System.currentTimeMillis();
    model.beginResync(askedAt);
    fillOutage()
        .compose(v -> session.resync(model, dropped))
        .onSuccess(v -> {
          status.resynchronised();
          heard();
          JsonArray live = snapshot();
          vertx.eventBus().publish(Addresses.CALLS_RESYNCED, live, NODE_LOCAL);
          vertx.eventBus().publish(Addresses.CALLS_RECONCILE, reconcileRequest(live, askedAt, reason), NODE_LOCAL);
        })
        .onFailure(err -> {
          log.warn("Resynchronisation from Asterisk ({}) failed: {}", reason, err.getMessage());
          model.endResync();
          if (DROPPED.equals(reason) && again == null) {
            // Still connected: the answers were lost like the events were; a reconnect catches up by itself.
            vertx.setTimer(RETRY_MS, id -> {
              if (status.connected()) {
                run(DROPPED);
              }
            });
          }
        })
        .onComplete(ar -> {
          running = false;
          if (again != null) {
            String next = again;
            again = null;
            run(next);
          }
        });
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
   * First what Asterisk's CEL recorded since {@code lostAt} (calls that rang, were answered or ended meanwhile, with
   * their real times), then the live resync. A failed read is logged: the live resync still runs.
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
          heard();
          return (Void) null;
        })
        .recover(err -> {
          log.warn("Reading Asterisk's CEL for the AMI outage failed: {}", err.getMessage());
          return Future.succeededFuture();
        });
  }
}
