package klip.supervision;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.access.Principal;
import klip.access.Roles;
import klip.http.ApiError;
import klip.http.AuditedChange;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Raised hands: an agent on a live call asks their team leader for help; the hand shows on that call on the
 * board until a team leader (or the agent) lowers it or the call ends. Runs on the supervision verticle's loop.
 */
final class Hands {

  private final Pool pool;
  private final AuditedChange.Trail audit;
  private final EventBus bus;
  private final Board board;
  /** Raised hands by call: kept apart from the board's calls, which a restart rebuilds only after the resync. */
  private final Map<String, BoardCall.Hand> byCall = new HashMap<>();
  /** Calls whose hand is being raised: not in {@code byCall} yet, but maybe already in the table. */
  private final Set<String> raising = new HashSet<>();

  Hands(Pool pool, EventBus bus, Board board, AuditedChange.Trail audit) {
    this.pool = pool;
    this.audit = audit;
    this.bus = bus;
    this.board = board;
  }

  /**
   * After a restart: hands still raised on calls that are still live show again. After a take-over of AMI (this
   * node's board is fed from now on), the hands raised and lowered meanwhile on the node that fed it before.
   */
  Future<Void> load() {
    return pool.query(SupervisionQueries.OPEN_HANDS).execute().map(rows -> {
      Map<String, BoardCall.Hand> open = new HashMap<>();
      for (Row r : rows) {
        open.put(r.getString("call_id"), new BoardCall.Hand(r.getLong("id"), r.getString("agent_username"),
            r.getString("note"), r.getOffsetDateTime("raised_at").toInstant().toEpochMilli()));
      }
      byCall.keySet().removeIf(callId -> !open.containsKey(callId) && !raising.contains(callId));
      byCall.putAll(open);
      return null;
    });
  }

  /** Puts each raised hand on its call, wherever the call came from (facts, or the snapshot after a resync). */
  void attachTo(Collection<BoardCall> calls) {
    calls.forEach(c -> c.hand = byCall.get(c.callId));
  }

  /** {@code change}: the request's audit entry, appended in the hand's transaction (null: none). */
  Future<JsonObject> raise(Principal agent, String note, JsonObject change) {
    if (!agent.hasRole(Roles.AGENT) || agent.phoneInterface() == null) {
      return Future.failedFuture(ApiError.forbidden("Hanya agen yang dapat mengangkat tangan"));
    }
    BoardCall call = board.talkingAt(agent.phoneInterface()).orElseThrow(() -> ApiError.conflict(
        "Anda tidak sedang dalam panggilan"));
    raising.add(call.callId);
    return pool.withTransaction(tx -> tx.preparedQuery(SupervisionQueries.RAISE_HAND)
            .execute(Tuple.of(call.callId, agent.username(), agent.team(), note))
            .compose(rows -> AuditedChange.appendHandedOver(audit, tx, change).map(rows)))
        .onComplete(ar -> raising.remove(call.callId))
        .map(rows -> {
          Row r = rows.iterator().next();
          long raisedAt = r.getOffsetDateTime("raised_at").toInstant().toEpochMilli();
          call.hand = new BoardCall.Hand(r.getLong("id"), agent.username(), note, raisedAt);
          byCall.put(call.callId, call.hand);
          JsonObject raised = call.hand.toJson().put("callId", call.callId).put("team", agent.team())
              .put("ticketId", call.ticketId);
          bus.publish(Addresses.HAND_RAISED, raised);
          return raised;
        });
  }

  Future<JsonObject> lower(Principal who, long handId, JsonObject change) {
    return pool.preparedQuery(SupervisionQueries.HAND_BY_ID).execute(Tuple.of(handId)).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        throw ApiError.notFound("Tangan " + handId + " tidak ditemukan");
      }
      Row r = rows.iterator().next();
      boolean own = who.username().equals(r.getString("agent_username"));
      boolean leader = who.hasRole(Roles.TEAM_LEADER) && who.team().equals(r.getString("team"));
      if (!own && !leader) {
        throw ApiError.forbidden("Hanya agen itu atau team leader timnya");
      }
      return pool.withTransaction(tx -> tx.preparedQuery(SupervisionQueries.LOWER_HAND)
              .execute(Tuple.of(handId, who.username()))
              .compose(done -> AuditedChange.appendHandedOver(audit, tx, change).map(done)))
          .map(done -> {
            byCall.computeIfPresent(r.getString("call_id"), (id, hand) -> hand.id() == handId ? null : hand);
            return new JsonObject().put("id", handId).put("lowered", done.rowCount() > 0)
                .put("by", who.username());
          });
    });
  }

  /**
   * Lowers the call's hand. Every raised hand is in {@code byCall} (loaded at start, added when raised) or being
   * raised, so a call without one needs no statement: most calls never raise a hand.
   */
  Future<?> callEnded(String callId) {
    if (byCall.remove(callId) == null && !raising.contains(callId)) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery(SupervisionQueries.LOWER_HANDS_OF_CALL).execute(Tuple.of(callId));
  }
}
