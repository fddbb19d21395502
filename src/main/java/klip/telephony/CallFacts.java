package klip.telephony;

/**
 * What the call model concludes from the AMI stream: the few facts other capabilities act upon.
 * Each method is called at most once per call and agent for the same fact; the ticket side is still
 * idempotent because a reconnect or a restart can repeat a fact.
 */
public interface CallFacts {

  /** The call rang at an agent's interface (AgentCalled, a direct dial, or found ringing at resync). */
  void ringing(LiveCall call, String memberInterface, String memberName, long eventAtMillis);

  /** The agent at {@code memberInterface} answered; {@code agentChannel} is their live leg. */
  void answered(LiveCall call, String memberInterface, String agentChannel, long eventAtMillis);

  /** The call is over; it rang at one agent at least. */
  void ended(LiveCall call, long eventAtMillis);

  /** The caller left the queue before any agent rang. */
  void missed(LiveCall call, long eventAtMillis);

  /**
   * MixMonitor records a leg of the call: {@link LiveCall#recordingFile()} as Asterisk named it, or only
   * {@link LiveCall#recordingUniqueId()} when the name was not announced. Default: nobody listens.
   */
  default void recording(LiveCall call, long eventAtMillis) {
  }

  /** The caller joined a queue and waits there (QueueCallerJoin, or found waiting at resync). */
  default void queued(LiveCall call, long eventAtMillis) {
  }

  /** A queue member's device status or pause changed, or was read at resync; null fields are unknown. */
  default void memberState(MemberState state) {
  }

  /**
   * The agent at {@code fromInterface} transferred the call (a blind transfer): they left it, the caller goes on at
   * dialplan extension {@code target} ("queue", or "leader-&lt;username&gt;" for a team leader's phone) and rings there
   * next. When the caller's next ring is heard before Asterisk's BlindTransfer event, {@code target} is "queue" for a
   * queue ring and the phone's interface for a dialplan Dial.
   */
  default void transferred(LiveCall call, String fromInterface, String target, long eventAtMillis) {
  }

  /** A spy (ChanSpy) started or stopped listening to a leg of the call. */
  default void spy(LiveCall call, String spyerChannel, String spyeeChannel, boolean started, long eventAtMillis) {
  }
}
