package klip.supervision;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.access.Principal;
import klip.access.Roles;
import klip.phone.InterfaceNames;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The live board in memory: the calls in progress and the agents' states, built from telephony's facts and
 * replaced wholesale by its snapshot after a restart or reconnect. Not thread safe: the supervision verticle
 * owns it and touches it on its own event loop only.
 */
final class Board {

  private final Map<String, BoardCall> calls = new LinkedHashMap<>();
  private final AgentStates agents;

  Board(long wrapUpMs) {
    this.agents = new AgentStates(wrapUpMs);
  }

  /** Replaces the calls with telephony's snapshot; board-only facts (ticket, spies, hand) are kept. */
  void replace(JsonArray snapshot, long now) {
    Map<String, BoardCall> next = new LinkedHashMap<>();
    for (int i = 0; i < snapshot.size(); i++) {
      JsonObject c = snapshot.getJsonObject(i);
      if (c.getBoolean("ended", false) || !onBoard(c)) {
        continue;
      }
      BoardCall call = calls.getOrDefault(c.getString("callId"), new BoardCall(c.getString("callId"),
          c.getLong("firstSeenAt", now)));
      call.restore(c, now);
      next.put(call.callId, call);
    }
    calls.clear();
    calls.putAll(next);
  }

  /** Only calls for the floor: queued, or at an agent. A team leader's own spy leg is not a call. */
  private static boolean onBoard(JsonObject c) {
    return c.getString("queue") != null || c.getString("ringingInterface") != null
        || c.getString("connectedInterface") != null;
  }

  BoardCall queued(JsonObject fact) {
    BoardCall call = call(fact);
    call.learn(fact);
    return call;
  }

  BoardCall ringing(JsonObject fact) {
    BoardCall call = call(fact);
    call.learn(fact);
    call.ringing(fact.getString("interface"), fact.getLong("eventAt"));
    return call;
  }

  BoardCall answered(JsonObject fact) {
    BoardCall call = call(fact);
    call.learn(fact);
    call.answered(fact.getString("interface"), fact.getLong("eventAt"));
    return call;
  }

  /** Transferred away from its agent: waiting again until the queue or a team leader rings; the agent wraps up. */
  BoardCall transferred(JsonObject fact) {
    BoardCall call = call(fact);
    call.learn(fact);
    if (call.state == BoardCall.State.TALKING) {
      agents.callEnded(call.agentInterface, fact.getLong("eventAt"));
    }
    call.transferred();
    return call;
  }

  /** Ended or missed: off the board; the agent who had it goes into wrap-up. */
  Optional<BoardCall> ended(JsonObject fact) {
    BoardCall call = calls.remove(fact.getString("callId"));
    if (call != null && call.state == BoardCall.State.TALKING) {
      agents.callEnded(call.agentInterface, fact.getLong("eventAt"));
    }
    return Optional.ofNullable(call);
  }

  void memberState(JsonObject state) {
    agents.apply(state);
  }

  /** Member states known before the board listened (telephony's first resync): kept where none came since. */
  void knownMembers(JsonArray states) {
    states.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).forEach(agents::applyIfUnknown);
  }

  Optional<BoardCall> find(String callId) {
    return Optional.ofNullable(calls.get(callId));
  }

  Collection<BoardCall> calls() {
    return calls.values();
  }

  /** The live call the agent at this phone is talking on, if any. */
  Optional<BoardCall> talkingAt(String phoneInterface) {
    String base = InterfaceNames.baseOfInterface(phoneInterface);
    return calls.values().stream().filter(c -> c.state == BoardCall.State.TALKING && c.agentInterface != null
        && InterfaceNames.baseOfInterface(c.agentInterface).equals(base)).findFirst();
  }

  private BoardCall call(JsonObject fact) {
    return calls.computeIfAbsent(fact.getString("callId"),
        id -> new BoardCall(id, fact.getLong("firstSeenAt", fact.getLong("eventAt", System.currentTimeMillis()))));
  }

  /**
   * What one team's leaders see: every call still waiting in the queue (the queue is the whole floor's), the
   * calls ringing at or talking with the team's agents, the team's agents with their states, and the counters.
   */
  JsonObject toJson(String team, List<Principal> roster, Function<String, Optional<Principal>> byInterface,
                    JsonObject counters, long now) {
    JsonArray waiting = new JsonArray();
    JsonArray live = new JsonArray();
    List<BoardCall> ordered = new ArrayList<>(calls.values());
    ordered.sort(Comparator.comparingLong(c -> c.queuedAt != null ? c.queuedAt : c.firstSeenAt));
    long longestWaiting = 0;
    for (BoardCall c : ordered) {
      Optional<Principal> agent = c.agentInterface == null ? Optional.empty() : byInterface.apply(c.agentInterface);
      if (c.state == BoardCall.State.WAITING) {
        waiting.add(c.toJson(null));
        longestWaiting = Math.max(longestWaiting, now - (c.queuedAt != null ? c.queuedAt : c.firstSeenAt));
      } else if (agent.map(a -> team.equals(a.team())).orElse(false)) {
        live.add(c.toJson(person(agent.get())));
      }
    }
    JsonArray agentList = new JsonArray();
    for (Principal p : roster) {
      if (p.hasRole(Roles.AGENT) && team.equals(p.team())) {
        agentList.add(person(p).put("interface", p.phoneInterface())
            .mergeIn(agents.stateOf(p.phoneInterface(), calls.values(), now)));
      }
    }
    JsonObject day = counters.copy();
    long stored = day.getLong("longestWaitSeconds", 0L);
    day.put("longestWaitSeconds", Math.max(stored, longestWaiting / 1000));
    return new JsonObject().put("team", team).put("serverTime", now).put("waiting", waiting).put("calls", live)
        .put("agents", agentList).put("counters", day);
  }

  private static JsonObject person(Principal p) {
    return new JsonObject().put("username", p.username()).put("displayName", p.displayName());
  }
}
