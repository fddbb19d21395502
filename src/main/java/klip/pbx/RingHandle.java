package klip.pbx;

import io.vertx.core.Future;

/** Manual control of a call held ringing at one member, for tests that need a call in a given state. */
public interface RingHandle {
  /** The caller's Linkedid (its ;1 leg's Uniqueid). */
  String linkedid();

  /** The rung member's dialed channel, e.g. {@code Local/agent1@agents-00000003;1}. */
  String agentChannel();

  String iface();

  /** The member answers; the call is bridged and stays up until {@link #hangup()}. */
  Future<Void> answer();

  /** The member does not answer (ring timeout); the caller stays in the queue. */
  Future<Void> noAnswer();

  /** The caller hangs up: abandon while ringing, or end of conversation when bridged. */
  Future<Void> hangup();

  /** The member hangs up a bridged call. */
  Future<Void> agentHangup();
}
