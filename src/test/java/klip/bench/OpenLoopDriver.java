package klip.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import klip.pbx.SimulatedPbx;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes calls to the PBX's AMI clients at a fixed rate, whatever the server does with them (open loop: a
 * slow server does not slow the callers down, as real callers would not wait). Each call is written in four
 * moments: entering the queue, ringing the agent (AgentCalled first, stamped with System.nanoTime() just
 * before its bytes are handed to the socket), the agent answering, the hang-up. The writes run on the PBX's
 * own context, from a 1 ms ticker; the stamp is taken at the write, so ticker jitter shifts a call but never
 * its measured latency.
 */
final class OpenLoopDriver {

  /** Nominal moments of a call, compressed: the event rate is what loads the server, not the call length. */
  record Timing(long ringAfterMs, long answerAfterMs, long endAfterMs) {
    static Timing compressed() {
      return new Timing(200, 600, 1200);
    }
  }

  private record Write(long dueNanos, String bytes, String stampLinkedId) {
  }

  private final Vertx vertx;
  private final Context context;
  private final SimulatedPbx pbx;

  OpenLoopDriver(Vertx vertx, Context context, SimulatedPbx pbx) {
    this.vertx = vertx;
    this.context = context;
    this.pbx = pbx;
  }

  /**
   * Plays {@code calls} at {@code perSecond}; ring stamps go into {@code ringStamps} (Linkedid → nanoTime).
   * Completes when the last byte has been written.
   */
  Future<Void> play(List<CallTemplates.Call> calls, double perSecond, Timing timing, Map<String, Long> ringStamps) {
    List<Write> writes = new ArrayList<>(calls.size() * 4);
    double gapNanos = 1e9 / perSecond;
    for (int i = 0; i < calls.size(); i++) {
      CallTemplates.Call c = calls.get(i);
      long start = Math.round(i * gapNanos);
      writes.add(new Write(start, c.entry(), null));
      writes.add(new Write(start + timing.ringAfterMs() * 1_000_000, c.ring(), c.linkedId()));
      writes.add(new Write(start + timing.answerAfterMs() * 1_000_000, c.answer(), null));
      writes.add(new Write(start + timing.endAfterMs() * 1_000_000, c.end(), null));
    }
    writes.sort(Comparator.comparingLong(Write::dueNanos));
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      long t0 = System.nanoTime();
      int[] next = {0};
      List<Future<Void>> last = new ArrayList<>(1);
      last.add(Future.succeededFuture());
      vertx.setPeriodic(1, id -> {
        long elapsed = System.nanoTime() - t0;
        while (next[0] < writes.size() && writes.get(next[0]).dueNanos() <= elapsed) {
          Write w = writes.get(next[0]++);
          if (w.stampLinkedId() != null) {
            ringStamps.put(w.stampLinkedId(), System.nanoTime());
          }
          last.set(0, pbx.sendRaw(w.bytes()));
        }
        if (next[0] == writes.size()) {
          vertx.cancelTimer(id);
          last.get(0).onComplete(done);
        }
      });
    });
    return done.future();
  }

  /** Writes every call back to back, as fast as the socket takes them; completes when all is written. */
  static Future<Void> blast(SimulatedPbx pbx, List<String> chunks) {
    Future<Void> chain = Future.succeededFuture();
    for (String chunk : chunks) {
      chain = chain.compose(v -> pbx.sendRaw(chunk));
    }
    return chain;
  }
}
