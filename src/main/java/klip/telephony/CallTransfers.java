package klip.telephony;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call leaving its agent by a blind transfer. Asterisk publishes BlindTransfer on the bridge's topic, in no fixed
 * order with the caller's dialplan going on (a Dial to a team leader's phone can be reported first), so the transfer
 * is concluded from whichever comes first: the BlindTransfer itself, or a ring from the caller's own queued leg while
 * it is still connected to an agent.
 */
final class CallTransfers {

  private static final Logger log = LoggerFactory.getLogger(CallTransfers.class);

  private final CallFacts facts;

  CallTransfers(CallFacts facts) {
    this.facts = facts;
  }

  /**
   * The agent's leg left by a blind transfer: the call is no longer connected to them and its next ring is the
   * transfer's. A transfer by a channel that is not the connected agent's (a repeat, or one the caller's next ring
   * already concluded, see {@link #movedOn}) changes nothing.
   */
  void onTransfer(LiveCall call, CallEvent e) {
    if (call.connectedInterface == null || (call.agentChannel != null && !call.agentChannel.equals(e.channel()))) {
      log.debug("Call {}: transfer by {} while not connected through it; nothing to change", call.linkedId,
          e.channel());
      return;
    }
    transferAway(call, e.detail(), e.receivedAtMillis());
  }

  /**
   * A ring from the caller's own queued leg while it is connected to an agent: the caller has left that agent, so
   * the call was transferred away. {@code target}: "queue" for a queue ring, the phone's interface for a Dial.
   */
  void movedOn(LiveCall call, CallEvent e, String target) {
    if (call.connectedInterface != null && e.channel() != null && e.channel().equals(call.queuedChannel)) {
      transferAway(call, target, e.receivedAtMillis());
    }
  }

  private void transferAway(LiveCall call, String target, long at) {
    String from = call.connectedInterface;
    call.transferredFrom.add(from);
    call.connectedInterface = null;
    call.agentChannel = null;
    call.ringingInterface = null;
    call.transferring = true;
    facts.transferred(call, from, target, at);
  }
}
