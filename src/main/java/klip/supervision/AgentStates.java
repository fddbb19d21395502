package klip.supervision;

import io.vertx.core.json.JsonObject;
import klip.phone.InterfaceNames;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Each agent's state for the board, from two sources: the queue's view of the member (device status, pause,
 * from QueueMemberStatus/QueueMemberPause and QueueStatus at resync) and the call facts. Call facts win where
 * both speak: a Local member's device reads "in use" while it only rings, so ringing comes from AgentCalled.
 * Wrap-up is the time after a call during which the queue (queues.conf {@code wrapuptime}) rings nobody new.
 */
final class AgentStates {

  /** The queue's view of one member. */
  static final class Member {
    Integer status;
    boolean paused;
    String pausedReason;
    long lastCallEndedAt;
  }

  private final Map<String, Member> members = new HashMap<>();
  private final long wrapUpMs;

  AgentStates(long wrapUpMs) {
    this.wrapUpMs = wrapUpMs;
  }

  void apply(JsonObject state) {
    Member m = members.computeIfAbsent(InterfaceNames.baseOfInterface(state.getString("interface")),
        k -> new Member());
    if (state.getInteger("status") != null) {
      m.status = state.getInteger("status");
    }
    if (state.getBoolean("paused") != null) {
      m.paused = state.getBoolean("paused");
      m.pausedReason = m.paused ? state.getString("pausedReason") : null;
    }
  }

  /**
   * Applies a member state known from before the board listened, only where the board has heard nothing newer:
   * a member it has no fact of, or the device status of one it knows only from a call's end.
   */
  void applyIfUnknown(JsonObject state) {
    String iface = state.getString("interface");
    if (iface == null) {
      return;
    }
    Member m = members.get(InterfaceNames.baseOfInterface(iface));
    if (m == null) {
      apply(state);
    } else if (m.status == null && m.pausedReason == null && !m.paused) {
      apply(state);
    }
  }

  void callEnded(String memberInterface, long at) {
    if (memberInterface != null) {
      members.computeIfAbsent(InterfaceNames.baseOfInterface(memberInterface), k -> new Member()).lastCallEndedAt = at;
    }
  }

  /** The state of the agent whose phone is {@code phoneInterface}, given the calls on the board now. */
  JsonObject stateOf(String phoneInterface, Collection<BoardCall> calls, long now) {
    String base = InterfaceNames.baseOfInterface(phoneInterface);
    Member m = phoneInterface == null ? null : members.get(base);
    BoardCall ringing = null;
    BoardCall talking = null;
    for (BoardCall c : calls) {
      if (c.agentInterface != null && InterfaceNames.baseOfInterface(c.agentInterface).equals(base)) {
        if (c.state == BoardCall.State.TALKING) {
          talking = c;
        } else if (c.state == BoardCall.State.RINGING) {
          ringing = c;
        }
      }
    }
    JsonObject out = new JsonObject().put("paused", m != null && m.paused)
        .put("pausedReason", m == null ? null : m.pausedReason).put("deviceStatus", m == null ? null : m.status);
    if (talking != null) {
      return out.put("state", "on_call").put("callId", talking.callId).put("since", talking.answeredAt);
    }
    if (ringing != null) {
      return out.put("state", "ringing").put("callId", ringing.callId).put("since", ringing.ringingSince);
    }
    if (m == null || m.status == null || m.status == 4 || m.status == 5) {
      // Not a member of any queue we heard of, or its device is invalid/unavailable (phone not registered).
      return out.put("state", "logged_out");
    }
    if (m.paused) {
      return out.put("state", "paused");
    }
    if (m.status == 6 || m.status == 7) {
      return out.put("state", "ringing");
    }
    if (m.status == 2 || m.status == 3 || m.status == 8) {
      return out.put("state", "on_call");
    }
    if (m.lastCallEndedAt > 0 && now - m.lastCallEndedAt < wrapUpMs) {
      return out.put("state", "wrap_up").put("since", m.lastCallEndedAt).put("until", m.lastCallEndedAt + wrapUpMs);
    }
    return out.put("state", "available");
  }
}
