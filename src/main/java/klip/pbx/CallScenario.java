package klip.pbx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A taxpayer call as the PBX should play it: who calls, which queue, which members ring in which
 * order and how each ring ends. Durations are the nominal ones written into the events
 * (RingTime, HoldTime, TalkTime, WAV length); the PBX's time scale decides how long it really waits.
 */
public record CallScenario(String callerNumber, String callerName, String queue, List<RingAttempt> attempts,
    Duration ringDuration, Duration talkDuration, Duration waitBeforeFirstRing, boolean abandonInQueue,
    boolean bareAgentComplete) {

  /** How a single ring at a member ends. */
  public enum Outcome { ANSWER, NOANSWER, CALLER_HANGUP }

  /** One ring at one member, e.g. {@code Local/agent1@agents/n} "Agent One". */
  public record RingAttempt(String iface, String memberName, Outcome outcome) {
    public RingAttempt {
      Objects.requireNonNull(iface, "iface");
      Objects.requireNonNull(outcome, "outcome");
      memberName = memberName == null ? iface : memberName;
    }
  }

  public CallScenario {
    Objects.requireNonNull(callerNumber, "callerNumber");
    callerName = callerName == null ? callerNumber : callerName;
    queue = queue == null ? "eapp" : queue;
    attempts = List.copyOf(attempts);
  }

  public static Builder builder(String callerNumber, String callerName) {
    return new Builder(callerNumber, callerName);
  }

  /** The common case: one member rings and answers. */
  public static CallScenario answered(String callerNumber, String callerName, String iface, String memberName) {
    return builder(callerNumber, callerName).ring(iface, memberName, Outcome.ANSWER).build();
  }

  /** Fluent builder; defaults follow the captured set-up (3 s ring, 20 s talk, queue eapp). */
  public static final class Builder {
    private final String callerNumber;
    private final String callerName;
    private String queue = "eapp";
    private final List<RingAttempt> attempts = new ArrayList<>();
    private Duration ringDuration = Duration.ofSeconds(3);
    private Duration talkDuration = Duration.ofSeconds(20);
    private Duration waitBeforeFirstRing = Duration.ZERO;
    private boolean abandonInQueue;
    private boolean bareAgentComplete;

    private Builder(String callerNumber, String callerName) {
      this.callerNumber = callerNumber;
      this.callerName = callerName;
    }

    public Builder queue(String queue) {
      this.queue = queue;
      return this;
    }

    public Builder ring(String iface, String memberName, Outcome outcome) {
      attempts.add(new RingAttempt(iface, memberName, outcome));
      return this;
    }

    public Builder ringDuration(Duration d) {
      this.ringDuration = d;
      return this;
    }

    public Builder talkDuration(Duration d) {
      this.talkDuration = d;
      return this;
    }

    public Builder waitBeforeFirstRing(Duration d) {
      this.waitBeforeFirstRing = d;
      return this;
    }

    /** The caller gives up in the queue before any member rings (a missed call). */
    public Builder abandonInQueue(Duration waited) {
      this.abandonInQueue = true;
      this.waitBeforeFirstRing = waited;
      return this;
    }

    /** Send AgentComplete without any channel fields, as Asterisk does when both sides are gone. */
    public Builder bareAgentComplete() {
      this.bareAgentComplete = true;
      return this;
    }

    public CallScenario build() {
      return new CallScenario(callerNumber, callerName, queue, attempts, ringDuration, talkDuration,
          waitBeforeFirstRing, abandonInQueue, bareAgentComplete);
    }
  }
}
