package klip.supervision;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.identity.Masking;

import java.util.LinkedHashMap;
import java.util.Map;

/** One live call on the board: waiting in the queue, ringing at an agent, or in conversation. */
final class BoardCall {

  enum State { WAITING, RINGING, TALKING }

  /** A team leader (or an unknown spy) on the call. */
  record Spy(String spyerChannel, String teamLeader, String mode, long since) {
    JsonObject toJson() {
      return new JsonObject().put("spyerChannel", spyerChannel).put("by", teamLeader).put("mode", mode)
          .put("since", since);
    }
  }

  /** A raised hand: the agent asks their team leader for help during this call. */
  record Hand(long id, String agent, String note, long raisedAt) {
    JsonObject toJson() {
      return new JsonObject().put("id", id).put("agent", agent).put("note", note).put("raisedAt", raisedAt);
    }
  }

  final String callId;
  String callerNumber;
  String callerName;
  String queue;
  Long queuedAt;
  long firstSeenAt;
  State state = State.WAITING;
  String agentInterface;
  Long ringingSince;
  Long answeredAt;
  String agentChannel;
  Long ticketId;
  String taxpayerName;
  String taxpayerNumber;
  String application;
  final Map<String, Spy> spies = new LinkedHashMap<>();
  Hand hand;

  BoardCall(String callId, long firstSeenAt) {
    this.callId = callId;
    this.firstSeenAt = firstSeenAt;
  }

  /** Takes what telephony knows of the call (a fact or a snapshot row): fields only ever get filled in. */
  void learn(JsonObject call) {
    callerNumber = first(call.getString("callerNumber"), callerNumber);
    callerName = first(call.getString("callerName"), callerName);
    queue = first(call.getString("queue"), queue);
    if (queuedAt == null) {
      queuedAt = call.getLong("queuedAt");
    }
    if (call.getString("agentChannel") != null) {
      agentChannel = call.getString("agentChannel");
    }
  }

  void ringing(String memberInterface, long at) {
    if (state != State.TALKING) {
      state = State.RINGING;
      agentInterface = memberInterface;
      ringingSince = at;
    }
  }

  void answered(String memberInterface, long at) {
    state = State.TALKING;
    agentInterface = memberInterface;
    answeredAt = at;
  }

  /** The agent transferred the call away: nobody has it until the next ring. */
  void transferred() {
    state = State.WAITING;
    agentInterface = null;
    agentChannel = null;
    ringingSince = null;
  }

  /** Rebuilds the state from a telephony snapshot row (after a restart or reconnect). */
  void restore(JsonObject call, long now) {
    learn(call);
    if (call.getString("connectedInterface") != null) {
      answered(call.getString("connectedInterface"), call.getLong("answeredAt", now));
    } else if (call.getString("ringingInterface") != null) {
      ringing(call.getString("ringingInterface"), ringingSince == null ? now : ringingSince);
    } else {
      state = State.WAITING;
      agentInterface = null;
    }
  }

  JsonObject toJson(JsonObject agent) {
    JsonArray spyList = new JsonArray();
    spies.values().forEach(s -> spyList.add(s.toJson()));
    return new JsonObject().put("callId", callId).put("state", state.name().toLowerCase(java.util.Locale.ROOT))
        .put("callerNumber", callerNumber).put("callerName", callerName).put("queue", queue)
        .put("queuedAt", queuedAt).put("firstSeenAt", firstSeenAt).put("ringingSince", ringingSince)
        .put("answeredAt", answeredAt).put("agentInterface", agentInterface).put("agent", agent)
        .put("ticketId", ticketId).put("taxpayer", taxpayerName).put("taxpayerNumber", Masking.taxId(taxpayerNumber))
        .put("application", application).put("spies", spyList).put("hand", hand == null ? null : hand.toJson())
        .put("joinable", state == State.TALKING && agentChannel != null);
  }

  private static String first(String a, String b) {
    return a != null ? a : b;
  }
}
