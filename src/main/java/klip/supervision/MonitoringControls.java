package klip.supervision;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.access.Principal;
import klip.http.ApiError;
import klip.http.AuditedChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A team leader steering their running monitoring session: another mode (listen, whisper, barge) on the same
 * ChanSpy channel, or stop. Asterisk is told first (a keypad digit as if keyed on the leader's phone, or a Hangup
 * of the spyer channel); the board and the ticket change once it said yes. Runs on the supervision verticle's loop.
 */
final class MonitoringControls {

  private static final Logger log = LoggerFactory.getLogger(MonitoringControls.class);

  private final Pool pool;
  private final AuditedChange.Trail audit;
  private final EventBus bus;
  private final Board board;
  private final CallJoiner joiner;

  MonitoringControls(Pool pool, EventBus bus, Board board, CallJoiner joiner, AuditedChange.Trail audit) {
    this.pool = pool;
    this.audit = audit;
    this.bus = bus;
    this.board = board;
    this.joiner = joiner;
  }

  /** {@code change}: the request's audit entry, committed on its own before Asterisk is told (null: none). */
  Future<JsonObject> switchTo(Join join, SpyMode mode, JsonObject change) {
    if (!join.running()) {
      return Future.failedFuture(ApiError.conflict("Telepon Anda belum diangkat; mode dapat diganti setelah "
          + "tersambung"));
    }
    if (join.mode == mode) {
      return Future.succeededFuture(answer(join, false));
    }
    if (join.busy) {
      return Future.failedFuture(ApiError.conflict("Perubahan sebelumnya masih diproses; coba lagi"));
    }
    join.busy = true;
    SpyMode from = join.mode;
    long at = System.currentTimeMillis();
    return join.startWritten.otherwiseEmpty().compose(v -> AuditedChange.appendHandedOver(audit, change))
        .compose(v -> bus.request(Addresses.SPY_SWITCH, new JsonObject().put("channel", join.spyerChannel)
            .put("digit", mode.digit())))
        .recover(err -> Future.failedFuture(refused("Mode tidak dapat diganti", join, err)))
        .compose(v -> {
          join.mode = mode;
          board.find(join.callId).ifPresent(c -> c.spies.computeIfPresent(join.spyerChannel,
              (channel, spy) -> new BoardCall.Spy(channel, spy.teamLeader(), mode.label(), spy.since())));
          return pool.preparedQuery(SupervisionQueries.JOIN_MODE).execute(Tuple.of(join.id, mode.label()));
        })
        .compose(v -> joiner.ticketEvent(join.callId, at, join.teamLeader, "supervisor_mode_changed",
            new JsonObject().put("joinId", join.id).put("from", from.label()).put("to", mode.label())))
        .map(v -> answer(join, true))
        .onComplete(ar -> join.busy = false);
  }

  /**
   * Berhenti: hangs up the spyer channel. The session closes with the ChanSpyStop that follows; if the channel is
   * already gone Asterisk has nothing to stop, and the session closes now.
   */
  Future<JsonObject> stop(Principal tl, String callId, JsonObject change) {
    Join join = joiner.openOf(tl.username(), callId).orElseThrow(() -> ApiError.notFound("Anda tidak sedang "
        + "memantau panggilan ini"));
    if (!join.running()) {
      return Future.failedFuture(ApiError.conflict("Telepon Anda belum diangkat"));
    }
    if (join.busy) {
      return Future.failedFuture(ApiError.conflict("Perubahan sebelumnya masih diproses; coba lagi"));
    }
    join.busy = true;
    join.stopRequested = true;
    return AuditedChange.appendHandedOver(audit, change)
        .compose(v -> bus.request(Addresses.SPY_HANG_UP, new JsonObject().put("channel", join.spyerChannel)))
        .map(v -> answer(join, false))
        .recover(err -> {
          if (String.valueOf(err.getMessage()).contains("No such channel")) {
            return joiner.close(join, System.currentTimeMillis()).map(v -> answer(join, false));
          }
          join.stopRequested = false;
          return Future.failedFuture(refused("Pemantauan tidak dapat dihentikan", join, err));
        })
        .onComplete(ar -> join.busy = false);
  }

  private static ApiError refused(String what, Join join, Throwable err) {
    log.warn("Call {}: {} on {} refused by Asterisk: {}", join.callId, what, join.spyerChannel, err.getMessage());
    return new ApiError(502, what + ": PBX menolak perintah", "spy.refused");
  }

  private static JsonObject answer(Join join, boolean switched) {
    return new JsonObject().put("joinId", join.id).put("callId", join.callId).put("mode", join.mode.label())
        .put("switched", switched).put("phoneInterface", join.tlInterface);
  }
}
