package klip.controls;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.phone.InterfaceNames;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each agent's state as the queue last reported it (QueueMemberPause, QueueMemberStatus, QueueStatus at resync),
 * by the base of the member interface. The time in state starts when the queue first reported the state: a status
 * change that repeats the same pause does not restart it. Also keeps each member's last known facts as one member
 * state (device status and pause together), for a capability that starts after telephony's first resync.
 */
final class AgentStateBook {

  private final Map<String, AgentState> states = new HashMap<>();
  private final Map<String, JsonObject> members = new HashMap<>();

  /** Applies one member fact; returns the new state when it changed. */
  Optional<AgentState> apply(JsonObject memberState) {
    Boolean paused = memberState.getBoolean("paused");
    String iface = memberState.getString("interface");
    if (iface == null) {
      return Optional.empty();
    }
    String base = InterfaceNames.baseOfInterface(iface);
    remember(base, memberState);
    if (paused == null) {
      return Optional.empty();
    }
    AgentState next = AgentState.fromQueue(paused, memberState.getString("pausedReason"),
        memberState.getLong("eventAt", System.currentTimeMillis()));
    AgentState now = states.get(base);
    if (next.sameAs(now)) {
      return Optional.empty();
    }
    states.put(base, next);
    return Optional.of(next);
  }

  /** Merges the fields this fact reports into what is known of the member (a fact may report only some). */
  private void remember(String base, JsonObject fact) {
    JsonObject known = members.computeIfAbsent(base, k -> new JsonObject());
    fact.forEach(field -> {
      if (field.getValue() != null) {
        known.put(field.getKey(), field.getValue());
      }
    });
    if (Boolean.FALSE.equals(fact.getBoolean("paused"))) {
      known.remove("pausedReason");
    }
  }

  /** Every member's last known state, in the shape of telephony's member facts. */
  JsonArray members() {
    JsonArray out = new JsonArray();
    members.values().forEach(m -> out.add(m.copy()));
    return out;
  }

  Optional<AgentState> of(String phoneInterface) {
    return phoneInterface == null ? Optional.empty()
        : Optional.ofNullable(states.get(InterfaceNames.baseOfInterface(phoneInterface)));
  }
}
