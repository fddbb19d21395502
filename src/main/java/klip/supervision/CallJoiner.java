package klip.supervision;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.access.Principal;
import klip.access.Roles;
import klip.http.ApiError;
import klip.http.AuditedChange;
import klip.identity.AgentDirectory;
import klip.phone.InterfaceNames;
import klip.telephony.OriginateOutcome;
import klip.telephony.OriginateRequest;
import klip.tickets.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Team leaders joining live calls. A join rings the team leader's own phone (an AMI Originate) and, once they
 * answer, runs ChanSpy on the agent's live leg with the mode's options. ChanSpyStart/Stop then tell when the
 * spy really began and ended; both go on the ticket's timeline. The join request is answered when the
 * OriginateResponse is in: the team leader picked up, or their phone failed (then the ticket and the board say
 * why). Runs on the supervision verticle's loop.
 */
final class CallJoiner {

  private static final Logger log = LoggerFactory.getLogger(CallJoiner.class);
  private static final long RING_TIMEOUT_MS = 30_000;
  /** Telephony answers at most its own grace period after the ring timeout. */
  private static final long ORIGINATE_REPLY_GRACE_MS = 20_000;

  private final Pool pool;
  private final AuditedChange.Trail audit;
  private final EventBus bus;
  private final AgentDirectory directory;
  private final Board board;
  private final Tickets tickets;
  private final Map<Long, Join> open = new LinkedHashMap<>();
  /** Team leader and call of joins being written: a second click meanwhile must not ring a second time. */
  private final Set<String> requesting = new HashSet<>();

  CallJoiner(Pool pool, EventBus bus, AgentDirectory directory, Board board, Tickets tickets,
             AuditedChange.Trail audit) {
    this.pool = pool;
    this.audit = audit;
    this.tickets = tickets;
    this.bus = bus;
    this.directory = directory;
    this.board = board;
  }

  /**
   * After a restart: joins still open come back, and started ones show on their call again. After a take-over of AMI,
   * the joins made and ended meanwhile on the node that owned it before.
   */
  Future<Void> load() {
    return pool.query(SupervisionQueries.OPEN_JOINS).execute().map(rows -> {
      Set<Long> stillOpen = new HashSet<>();
      rows.forEach(r -> stillOpen.add(r.getLong("id")));
      open.keySet().retainAll(stillOpen);
      for (Row r : rows) {
        String tl = r.getString("team_leader");
        String tlInterface = directory.byUsername(tl).map(Principal::phoneInterface).orElse(null);
        Join j = new Join(r.getLong("id"), r.getString("call_id"), tl, tlInterface,
            SpyMode.parse(r.getString("mode")));
        j.spyerChannel = r.getString("spyer_channel");
        j.startedAt = r.getOffsetDateTime("started_at") == null ? null
            : r.getOffsetDateTime("started_at").toInstant().toEpochMilli();
        // A join this node already follows keeps its own state (its phone may be ringing right now).
        open.putIfAbsent(j.id, j);
      }
      return null;
    });
  }

  /** Puts each running join on its call, wherever the call came from (facts, or the snapshot after a resync). */
  void attachTo(Collection<BoardCall> calls) {
    for (Join j : open.values()) {
      if (j.startedAt != null && j.spyerChannel != null) {
        calls.stream().filter(c -> c.callId.equals(j.callId)).forEach(c -> c.spies.put(j.spyerChannel,
            new BoardCall.Spy(j.spyerChannel, j.teamLeader, j.mode.label(), j.startedAt)));
      }
    }
  }

  /** This team leader's session on this call, ringing or running. */
  Optional<Join> openOf(String teamLeader, String callId) {
    return open.values().stream().filter(j -> j.callId.equals(callId) && j.teamLeader.equals(teamLeader)).findFirst();
  }

  /**
   * A new monitoring session, unless this team leader has one on this call already: then its mode is switched in
   * place ({@link MonitoringControls}), so a leader is never listed twice on a call.
   */
  /** {@code change}: the request's audit entry, committed with the join's row before Asterisk is asked. */
  Future<JsonObject> join(Principal tl, String callId, SpyMode mode, MonitoringControls controls,
                          JsonObject change) {
    Optional<Join> existing = openOf(tl.username(), callId);
    if (existing.isPresent()) {
      return controls.switchTo(existing.get(), mode, change);
    }
    String key = tl.username() + "\u0000" + callId;
    if (requesting.contains(key)) {
      return Future.failedFuture(ApiError.conflict("Telepon Anda sedang dihubungi untuk panggilan ini"));
    }
    requesting.add(key);
    // Refusals are thrown as the request is checked: as a failed future they release the key too.
    return Future.succeededFuture().compose(v -> newJoin(tl, callId, mode, change))
        .onComplete(ar -> requesting.remove(key));
  }

  private Future<JsonObject> newJoin(Principal tl, String callId, SpyMode mode, JsonObject change) {
    if (!tl.hasRole(Roles.TEAM_LEADER)) {
      return Future.failedFuture(ApiError.forbidden("Hanya team leader yang dapat bergabung ke panggilan"));
    }
    BoardCall call = board.find(callId).orElseThrow(() -> ApiError.notFound("Panggilan " + callId
        + " tidak sedang berlangsung"));
    Principal agent = call.agentInterface == null ? null : directory.byInterface(call.agentInterface).orElse(null);
    if (agent != null && !tl.team().equals(agent.team())) {
      return Future.failedFuture(ApiError.forbidden("Panggilan ini milik tim lain"));
    }
    if (tl.phoneInterface() == null) {
      return Future.failedFuture(ApiError.conflict("Telepon Anda belum terdaftar di roster"));
    }
    return bus.<JsonArray>request(Addresses.CALLS_SNAPSHOT, null)
        .map(reply -> liveAgentChannel(reply.body(), callId))
        .compose(channel -> {
          if (agent == null || channel == null) {
            throw ApiError.conflict("Tidak ada kanal percakapan agen yang aktif untuk panggilan ini");
          }
          return pool.withTransaction(tx -> tx.preparedQuery(SupervisionQueries.INSERT_JOIN)
                  .execute(Tuple.of(callId, tl.username(), agent.username(), mode.label()))
                  .compose(rows -> AuditedChange.appendHandedOver(audit, tx, change).map(rows)))
              .compose(rows -> originate(rows.iterator().next().getLong("id"), tl, agent, call, channel, mode));
        });
  }

  /** The agent's leg of the call as telephony sees it now, if it is still up. */
  private static String liveAgentChannel(JsonArray calls, String callId) {
    for (int i = 0; i < calls.size(); i++) {
      JsonObject c = calls.getJsonObject(i);
      if (callId.equals(c.getString("callId")) && !c.getBoolean("ended", false)) {
        String channel = c.getString("agentChannel");
        JsonArray live = c.getJsonArray("channels", new JsonArray());
        return channel != null && live.contains(channel) ? channel : null;
      }
    }
    return null;
  }

  private Future<JsonObject> originate(long joinId, Principal tl, Principal agent, BoardCall call, String channel,
                                       SpyMode mode) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("KLIP_JOIN_ID", String.valueOf(joinId));
    vars.put("KLIP_CALL_ID", call.callId);
    vars.put("KLIP_SPY_MODE", mode.label());
    OriginateRequest request = new OriginateRequest(tl.phoneInterface(), null, null, null, "ChanSpy",
        channel + "," + mode.options(), "\"KLIP " + mode.label() + " " + agent.displayName() + "\" <1500200>",
        RING_TIMEOUT_MS, vars);
    Join join = new Join(joinId, call.callId, tl.username(), tl.phoneInterface(), mode);
    open.put(joinId, join);
    requesting.remove(tl.username() + "\u0000" + call.callId);
    // The reply comes with the OriginateResponse: once the team leader answered, or when their phone failed.
    return bus.<JsonObject>request(Addresses.ORIGINATE, request.toJson(),
            new DeliveryOptions().setSendTimeout(RING_TIMEOUT_MS + ORIGINATE_REPLY_GRACE_MS))
        .map(reply -> new JsonObject().put("joinId", joinId).put("callId", call.callId).put("mode", mode.label())
            .put("agent", agent.username()).put("phoneInterface", tl.phoneInterface()))
        .recover(err -> originateFailed(joinId, tl, call, mode, err));
  }

  /**
   * The team leader's phone never answered: the join is recorded as failed with the reason, on the ticket and
   * on the team's board, and the request fails with the reason in Indonesian (and a code the pages translate).
   */
  private Future<JsonObject> originateFailed(long joinId, Principal tl, BoardCall call, SpyMode mode,
                                             Throwable err) {
    String code = OriginateOutcome.codeOf(err);
    ApiError answer = new ApiError(502, "Tidak dapat bergabung: " + OriginateOutcome.describe(code),
        "originate." + code);
    log.warn("Call {}: Originate for {} to {} failed: {}", call.callId, tl.username(), tl.phoneInterface(),
        err.getMessage());
    if (open.remove(joinId) == null) {
      return Future.failedFuture(answer); // already closed with the call's end
    }
    bus.publish(Addresses.teamBoard(tl.team()), new JsonObject().put("type", "joinFailed").put("callId", call.callId)
        .put("teamLeader", tl.username()).put("mode", mode.label()).put("code", code));
    return pool.preparedQuery(SupervisionQueries.JOIN_FAILED).execute(Tuple.of(joinId, code + ": " + err.getMessage()))
        .compose(v -> ticketEvent(call.callId, System.currentTimeMillis(), tl.username(), "supervisor_join_failed",
            new JsonObject().put("joinId", joinId).put("mode", mode.label()).put("reason", code)
                .put("phoneInterface", tl.phoneInterface())))
        .transform(ar -> Future.failedFuture(answer));
  }

  /** ChanSpyStart: the spy is a known team leader's pending join when its channel is on their phone. */
  Future<?> spyStarted(JsonObject fact) {
    String callId = fact.getString("callId");
    String spyer = fact.getString("spyerChannel");
    long at = fact.getLong("eventAt");
    Join join = pendingFor(callId, spyer);
    BoardCall.Spy spy = new BoardCall.Spy(spyer, join == null ? null : join.teamLeader,
        join == null ? null : join.mode.label(), at);
    board.find(callId).ifPresent(c -> c.spies.put(spyer, spy));
    if (join == null) {
      log.info("Call {}: spy {} started that no team leader asked for here", callId, spyer);
      return Future.succeededFuture();
    }
    join.spyerChannel = spyer;
    join.startedAt = at;
    join.startWritten = pool.preparedQuery(SupervisionQueries.JOIN_STARTED).execute(Tuple.of(join.id, time(at), spyer))
        .compose(v -> ticketEvent(callId, at, join.teamLeader, "supervisor_joined", new JsonObject()
            .put("joinId", join.id).put("mode", join.mode.label()).put("channel", spyer)))
        .mapEmpty();
    return join.startWritten;
  }

  Future<?> spyStopped(JsonObject fact) {
    String spyer = fact.getString("spyerChannel");
    board.find(fact.getString("callId")).ifPresent(c -> c.spies.remove(spyer));
    Join join = open.values().stream().filter(j -> spyer.equals(j.spyerChannel)).findFirst().orElse(null);
    return join == null ? Future.succeededFuture() : close(join, fact.getLong("eventAt"));
  }

  /**
   * The call is over: joins still open end with it. A ChanSpyStop that comes after the caller's hang-up is
   * dropped by the call model, and one can be lost across a restart, so this is where most joins close.
   */
  Future<?> callEnded(String callId, long at) {
    Future<?> chain = Future.succeededFuture();
    for (Join j : open.values().stream().filter(j -> j.callId.equals(callId)).toList()) {
      chain = chain.compose(v -> (j.startedAt == null ? failed(j) : close(j, at)).mapEmpty());
    }
    return chain;
  }

  private Future<?> failed(Join join) {
    open.remove(join.id);
    return pool.preparedQuery(SupervisionQueries.JOIN_FAILED).execute(Tuple.of(join.id, "call ended before the "
        + "team leader answered"));
  }

  /** The session is over; whether the team leader stopped it goes on the ticket with it. */
  Future<?> close(Join join, long at) {
    if (open.remove(join.id) == null) {
      return Future.succeededFuture();
    }
    board.find(join.callId).ifPresent(c -> c.spies.remove(join.spyerChannel));
    long seconds = Math.max(0, (at - join.startedAt) / 1000);
    return join.startWritten.otherwiseEmpty()
        .compose(v -> pool.preparedQuery(SupervisionQueries.JOIN_ENDED).execute(Tuple.of(join.id, time(at))))
        .compose(v -> ticketEvent(join.callId, at, join.teamLeader, "supervisor_left", new JsonObject()
            .put("joinId", join.id).put("mode", join.mode.label()).put("seconds", seconds)
            .put("stoppedByLeader", join.stopRequested)))
        .onSuccess(v -> bus.publish(Addresses.SUPERVISION_JOIN_ENDED, new JsonObject().put("joinId", join.id)
            .put("callId", join.callId).put("teamLeader", join.teamLeader).put("mode", join.mode.label())
            .put("seconds", seconds)));
  }

  /** The oldest join of this team leader on this call not yet started: their phone answers in the order rung. */
  private Join pendingFor(String callId, String spyerChannel) {
    String base = InterfaceNames.baseOfChannel(spyerChannel);
    for (Join j : open.values()) {
      if (j.callId.equals(callId) && j.startedAt == null && j.tlInterface != null
          && InterfaceNames.baseOfInterface(j.tlInterface).equals(base)) {
        return j;
      }
    }
    return null;
  }

  Future<?> ticketEvent(String callId, long at, String actor, String kind, JsonObject detail) {
    return tickets.addToTimelineOfCall(callId, Instant.ofEpochMilli(at), actor, kind, detail);
  }

  static OffsetDateTime time(long millis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }
}
