package klip.tickets;

import io.vertx.core.Future;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A call's answer and end as the tickets write them. Under a burst of calls both facts usually wait behind the
 * call's ring (its pop included); the end then joins the waiting answer and one statement writes both, with both
 * timeline rows: one statement and one commit round fewer per call. Only an end joins, only an answer that has
 * not started, and only while no other fact of the call was queued after that answer, so every fact is still
 * written in the call's order and retried until it is (by the caller's {@link klip.facts.FactQueue}, which runs
 * what this returns).
 *
 * <p>Confined to the tickets verticle's event loop.
 */
final class CallProgress {

  /** The agent at {@code memberInterface} ({@code agent} when known) answered at {@code atMillis}. */
  record Answer(long atMillis, String memberInterface, String agent) {
  }

  /** The call ended at {@code atMillis}; the recorded leg as the end fact knows it. */
  record End(long atMillis, String recordingUniqueId, String recordingFile) {
  }

  /** Writes an answer, an end, or both (never neither). */
  interface Write {
    Future<?> write(String callId, Answer answer, End end);
  }

  private static final class Pending {
    private final Answer answer;
    private End end;

    private Pending(Answer answer, End end) {
      this.answer = answer;
      this.end = end;
    }
  }

  private final Write write;
  /** Answers submitted and not started yet, which an end of the same call may still join. */
  private final Map<String, Pending> joinable = new HashMap<>();

  CallProgress(Write write) {
    this.write = write;
  }

  /** The work to queue for an answer. */
  Supplier<Future<?>> answered(String callId, Answer answer) {
    Pending pending = new Pending(answer, null);
    joinable.put(callId, pending);
    return start(callId, pending);
  }

  /** The work to queue for an end, or null when a waiting answer of the call takes it. */
  Supplier<Future<?>> ended(String callId, End end) {
    Pending waiting = joinable.remove(callId);
    if (waiting != null) {
      waiting.end = end;
      return null;
    }
    return start(callId, new Pending(null, end));
  }

  /** Another fact of the call was queued: a later end must not overtake it by joining an earlier answer. */
  void sealed(String callId) {
    joinable.remove(callId);
  }

  private Supplier<Future<?>> start(String callId, Pending pending) {
    return () -> {
      // From the first attempt on, nothing joins: a retry writes exactly what the first attempt did.
      joinable.remove(callId, pending);
      return write.write(callId, pending.answer, pending.end);
    };
  }
}
