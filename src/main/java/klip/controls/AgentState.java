package klip.controls;

import io.vertx.core.json.JsonObject;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an agent can set at the desk: ready (unpaused in the queue), not ready, or on a break with its reason.
 * The state travels to Asterisk as the pause and its {@code Reason}; the reason codes below are what the queue
 * (and so the board, queue_log and any wallboard) carries, and the desk translates them.
 *
 * @param since when the queue reported this state (ms), the start of the desk's time-in-state
 */
record AgentState(Kind kind, String reason, long since) {

  /** The queue's pause reason for "not ready": no break, simply not taking calls. */
  static final String NOT_READY_REASON = "not_ready";

  /** The queue's pause reason for after-call work: the server pauses the agent until the ticket is finished. */
  static final String ACW_REASON = "acw";

  /** The break reasons an agent chooses from. */
  enum BreakReason {
    MEAL("meal"), PRAYER("prayer"), TOILET("toilet"), BRIEFING("briefing"), ADMIN("admin");

    final String code;

    BreakReason(String code) {
      this.code = code;
    }

    static Optional<BreakReason> of(String code) {
      return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }

    static String[] codes() {
      return Arrays.stream(values()).map(r -> r.code).toArray(String[]::new);
    }
  }

  enum Kind {
    READY("ready"), NOT_READY("not_ready"), BREAK("break"), AFTER_CALL_WORK("acw");

    final String code;

    Kind(String code) {
      this.code = code;
    }
  }

  /** The state a queue member's pause and reason stand for (a reason set elsewhere reads as a break). */
  static AgentState fromQueue(boolean paused, String reason, long since) {
    if (!paused) {
      return new AgentState(Kind.READY, null, since);
    }
    if (reason == null || reason.isEmpty() || NOT_READY_REASON.equals(reason)) {
      return new AgentState(Kind.NOT_READY, NOT_READY_REASON, since);
    }
    if (ACW_REASON.equals(reason)) {
      return new AgentState(Kind.AFTER_CALL_WORK, reason, since);
    }
    return new AgentState(Kind.BREAK, reason, since);
  }

  boolean sameAs(AgentState other) {
    return other != null && kind == other.kind && java.util.Objects.equals(reason, other.reason);
  }

  JsonObject toJson() {
    return new JsonObject().put("state", kind.code).put("reason", reason).put("since", since);
  }
}
