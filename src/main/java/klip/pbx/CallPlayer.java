package klip.pbx;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Plays {@link CallScenario}s in time using Vert.x timers on the PBX context. Nominal durations
 * go into the events; the real wait is the nominal one times {@code timeScale} (0.001 = fast mode).
 */
final class CallPlayer {
  private final Vertx vertx;
  private final Context context;
  private final PbxState state;
  private final CallerSteps caller;
  private final AgentSteps agents;
  private final TransferSteps transfers;
  private final WavRecorder recorder;
  private final Function<String, String> recordingPath;
  private final double timeScale;
  final Map<String, QueuedCall> calls = new LinkedHashMap<>();

  CallPlayer(Vertx vertx, Context context, PbxState state, ChannelEvents ev, Function<String, String> recordingPath,
      double timeScale) {
    this.vertx = vertx;
    this.context = context;
    this.state = state;
    this.caller = new CallerSteps(state, ev);
    this.agents = new AgentSteps(state, ev, caller);
    this.transfers = new TransferSteps(state, ev, agents);
    this.recorder = new WavRecorder(vertx);
    this.recordingPath = recordingPath;
    this.timeScale = timeScale;
  }

  private void after(Duration nominal, Runnable step) {
    long ms = Math.max(1, Math.round(nominal.toMillis() * timeScale));
    vertx.setTimer(ms, id -> step.run());
  }

  /** Runs on the PBX context: plays the whole scenario, completes with the Linkedid when all legs are gone. */
  Future<String> play(CallScenario sc) {
    Promise<String> done = Promise.promise();
    context.runOnContext(v -> {
      QueuedCall call = enter(sc);
      after(sc.waitBeforeFirstRing(), () -> {
        if (call.ended) {
          finish(call, done);
        } else if (sc.abandonInQueue()) {
          abandon(call, done);
        } else {
          attempt(call, 0, done);
        }
      });
    });
    return done.future();
  }

  private QueuedCall enter(CallScenario sc) {
    QueuedCall call = caller.enter(sc, recordingPath);
    calls.put(call.linkedid(), call);
    return call;
  }

  private void attempt(QueuedCall call, int index, Promise<String> done) {
    CallScenario sc = call.scenario;
    if (call.ended) {
      finish(call, done);
      return;
    }
    if (index >= sc.attempts().size()) {
      abandon(call, done);
      return;
    }
    CallScenario.RingAttempt a = sc.attempts().get(index);
    QueueMemberState member = member(sc.queue(), a.iface(), a.memberName());
    if (member.paused) {
      // app_queue never rings a paused member: the caller waits on for the next one.
      attempt(call, index + 1, done);
      return;
    }
    QueuedCall.AgentLeg leg = agents.ring(call, member);
    after(sc.ringDuration(), () -> {
      if (call.ended || call.agent != leg) {
        finish(call, done);
        return;
      }
      switch (a.outcome()) {
        case ANSWER:
          answer(call);
          after(sc.talkDuration(), () -> {
            if (!call.ended) {
              agents.complete(call, call.holdSeconds, true);
            }
            finish(call, done);
          });
          break;
        case NOANSWER:
          agents.noAnswer(call, sc.ringDuration().toMillis());
          after(Duration.ofSeconds(1), () -> attempt(call, index + 1, done));
          break;
        default:
          abandon(call, done);
      }
    });
  }

  void answer(QueuedCall call) {
    CallScenario sc = call.scenario;
    long ringSeconds = (System.currentTimeMillis() - call.agent.ringStartMillis) / 1000;
    ringSeconds = Math.max(ringSeconds, sc.ringDuration().toSeconds());
    call.holdSeconds = agents.answer(call, ringSeconds, String.valueOf(sc.talkDuration().toSeconds()));
    call.recording = recorder.write(call.recordingPath, sc.talkDuration());
  }

  private void abandon(QueuedCall call, Promise<String> done) {
    if (!call.ended) {
      caller.abandon(call, agents);
      call.recording = recorder.write(call.recordingPath, Duration.ZERO);
    }
    finish(call, done);
  }

  private void finish(QueuedCall call, Promise<String> done) {
    calls.remove(call.linkedid());
    if (done != null) {
      call.recording.onComplete(r -> done.tryComplete(call.linkedid()));
    }
  }

  /** The ringing agent did not answer (in time). */
  void noAnswer(QueuedCall call, long rangMillis) {
    agents.noAnswer(call, rangMillis);
  }

  QueueMemberState member(String queue, String iface, String memberName) {
    state.addMember(queue, iface, memberName);
    return state.queue(queue).member(iface).orElseThrow();
  }

  /** Hangup action on a channel of a queued call: behave like that party hanging up. */
  boolean hangup(String channelName) {
    for (QueuedCall call : calls.values()) {
      if (call.owns(channelName) && !call.ended) {
        boolean agentSide = call.agent != null && call.agent.owns(channelName);
        endByHangup(call, agentSide);
        return true;
      }
    }
    return false;
  }

  void endByHangup(QueuedCall call, boolean agentSide) {
    if (call.agent != null && call.agent.answered) {
      agents.complete(call, call.holdSeconds, agentSide);
    } else if (agentSide && call.agent != null) {
      agents.noAnswer(call, System.currentTimeMillis() - call.agent.ringStartMillis);
      return;
    } else {
      caller.abandon(call, agents);
      call.recording = recorder.write(call.recordingPath, Duration.ZERO);
    }
    calls.remove(call.linkedid());
  }

  /**
   * Redirect of a talking call's caller (and, as ExtraChannel, the agent's channel) to the hold context: both leave
   * their bridge, the caller hears music on hold, the agent's leg waits. False when no talking call has these two.
   */
  boolean hold(String callerChannel, String agentChannel, String context) {
    QueuedCall call = talking(callerChannel, agentChannel);
    if (call == null || call.held) {
      return false;
    }
    agents.hold(call, context);
    return true;
  }

  /** Bridge action of a held call's caller and agent: back in one bridge, the music stops. */
  boolean unhold(String callerChannel, String agentChannel) {
    QueuedCall call = talking(callerChannel, agentChannel);
    if (call == null || !call.held) {
      return false;
    }
    agents.unhold(call);
    return true;
  }

  /**
   * BlindTransfer of a talking call's agent channel into the transfer context: the agent leaves, the caller rejoins
   * the queue (the next free member rings) or the team leader's phone rings; either answers after the scenario's
   * ring time. False when no talking call has this agent channel or the context is not the transfer context.
   */
  boolean blindTransfer(String agentChannel, String context, String exten) {
    QueuedCall call = calls.values().stream().filter(c -> !c.ended && !c.held && c.agent != null && c.agent.answered
        && c.agent.dialed.name.equals(agentChannel)).findFirst().orElse(null);
    if (call == null || !TransferSteps.CONTEXT.equals(context)) {
      return false;
    }
    transfers.transferOut(call, context, exten);
    String leader = call.c2.variables.get(TransferSteps.TARGET_VARIABLE);
    if (exten.startsWith("leader") && leader != null && !leader.isBlank()) {
      QueuedCall.AgentLeg leg = transfers.dialLeader(call, leader);
      after(call.scenario.ringDuration(), () -> {
        if (!call.ended && call.agent == leg) {
          transfers.leaderAnswers(call);
        }
      });
      return true;
    }
    transfers.rejoinQueue(call);
    call.queue.nextAvailable().ifPresent(member -> {
      QueuedCall.AgentLeg leg = agents.ring(call, member);
      after(call.scenario.ringDuration(), () -> {
        if (!call.ended && call.agent == leg) {
          call.holdSeconds = agents.answer(call, call.scenario.ringDuration().toSeconds(),
              String.valueOf(call.scenario.talkDuration().toSeconds()));
        }
      });
    });
    return true;
  }

  private QueuedCall talking(String callerChannel, String agentChannel) {
    for (QueuedCall call : calls.values()) {
      if (!call.ended && call.c2.name.equals(callerChannel) && call.agent != null && call.agent.answered
          && call.agent.dialed.name.equals(agentChannel)) {
        return call;
      }
    }
    return null;
  }

  /** Enters a call and rings one member, leaving it ringing under the caller's control. */
  Future<RingHandle> ring(CallScenario sc, QueueMemberState member) {
    Promise<RingHandle> p = Promise.promise();
    context.runOnContext(v -> {
      QueuedCall call = enter(sc);
      QueuedCall.AgentLeg leg = agents.ring(call, member);
      p.complete(new ManualRing(this, context, call, leg));
    });
    return p.future();
  }

  /** Enters a call that waits in the queue, ringing nobody, until the handle hangs it up: a missed call. */
  Future<RingHandle> enterOnly(CallScenario sc) {
    Promise<RingHandle> p = Promise.promise();
    context.runOnContext(v -> p.complete(new ManualRing(this, context, enter(sc), null)));
    return p.future();
  }

  /** Picks the next available member (rrmemory) of a queue; fails when nobody is free. */
  Future<RingHandle> ringNextAvailable(String queue, String number, String name) {
    return Future.<QueueMemberState>future(p -> context.runOnContext(v -> state.queue(queue).nextAvailable()
            .ifPresentOrElse(p::complete, () -> p.fail("No available member in queue " + queue))))
        .compose(m -> ring(CallScenario.builder(number, name).queue(queue).build(), m));
  }
}
