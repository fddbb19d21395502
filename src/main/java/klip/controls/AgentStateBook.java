package klip.controls;

import io.vertx.core.json.JsonObject;
import klip.phone.InterfaceNames;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each agent's state as the queue last reported it (QueueMemberPause, QueueMemberStatus, QueueStatus at resync),
 * by the base of the member interface. The time in state starts when the queue first reported the state: a status
 * change that repeats the same pause does not restart it.
 */
final class AgentStateBook {

  private final Map<String, AgentState> states = new HashMap<>();

  /** Applies one member fact; returns the new state when it changed. */
  Optional<AgentState> apply(JsonObject memberState) {
    Boolean paused = memberState.getBoolean("paused");
    String iface = memberState.getString("interface");
    if (paused == null || iface == null) {
      return Optional.empty();
    }
    String base = InterfaceNames.baseOfInterface(iface);
    AgentState next = AgentState.fromQueue(paused, memberState.getString("pausedReason"),
        memberState.getLong("eventAt", System.currentTimeMillis()));
    AgentState now = states.get(base);
    if (next.sameAs(now)) {
      return Optional.empty();
    }
    states.put(base, next);
    return Optional.of(next);
  }

  Optional<AgentState> of(String phoneInterface) {
    return phoneInterface == null ? Optional.empty()
        : Optional.ofNullable(states.get(InterfaceNames.baseOfInterface(phoneInterface)));
  }
}
