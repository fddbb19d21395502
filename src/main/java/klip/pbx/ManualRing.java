package klip.pbx;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call entered and ringing one member, whose next steps (answer, no answer, either side hanging up) the test
 * takes itself instead of a scenario's timers. Each step runs on the PBX context. Without a leg the caller only
 * waits in the queue: the agent's steps do nothing and the hang-up is an abandon.
 */
final class ManualRing implements RingHandle {

  private static final Logger log = LoggerFactory.getLogger(ManualRing.class);

  private final CallPlayer player;
  private final Context context;
  private final QueuedCall call;
  private final QueuedCall.AgentLeg leg;

  ManualRing(CallPlayer player, Context context, QueuedCall call, QueuedCall.AgentLeg leg) {
    this.player = player;
    this.context = context;
    this.call = call;
    this.leg = leg;
  }

  private Future<Void> onContext(Runnable r) {
    Promise<Void> p = Promise.promise();
    context.runOnContext(v -> {
      try {
        r.run();
        p.complete();
      } catch (RuntimeException e) {
        log.warn("Manual call step failed", e);
        p.fail(e);
      }
    });
    return p.future();
  }

  @Override public String linkedid() {
    return call.linkedid();
  }

  @Override public String agentChannel() {
    return leg == null ? null : leg.dialed.name;
  }

  @Override public String iface() {
    return leg == null ? null : leg.member.iface;
  }

  @Override public Future<Void> answer() {
    return onContext(() -> {
      if (leg != null && !call.ended && call.agent == leg && !leg.answered) {
        player.answer(call);
      }
    });
  }

  @Override public Future<Void> noAnswer() {
    return onContext(() -> {
      if (leg != null && !call.ended && call.agent == leg && !leg.answered) {
        player.noAnswer(call, System.currentTimeMillis() - leg.ringStartMillis);
      }
    });
  }

  @Override public Future<Void> hangup() {
    return onContext(() -> {
      if (!call.ended) {
        player.endByHangup(call, false);
      }
    });
  }

  @Override public Future<Void> agentHangup() {
    return onContext(() -> {
      if (leg != null && !call.ended && call.agent == leg && leg.answered) {
        player.endByHangup(call, true);
      }
    });
  }
}
