package klip.telephony;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What happened while Asterisk was being asked what is live: the events of calls the model did not know yet (held
 * until the listing is applied) and the calls first heard of meanwhile (a listing taken before they began cannot
 * show them, so their absence from it does not end them).
 *
 * <p>"Meanwhile" is by when asterisk-java read the event, not when the model gets it: after asterisk-java's event
 * queue overflowed, the resync starts while thousands of events read before the overflow still wait in its pump. A
 * call that began there is older than the listing, which is the truth about it: if the listing does not show it,
 * its end was among the dropped events.
 */
final class ResyncWindow {
  /** When the catch-up began, before the listing was asked for. */
  final long askedAt;
  final List<CallEvent> heldEvents = new ArrayList<>();
  final Set<String> callsBegun = new HashSet<>();

  ResyncWindow(long askedAt) {
    this.askedAt = askedAt;
  }

  /** A call first heard of in this event: begun meanwhile only when the event was read since the asking. */
  void noteBegun(String linkedId, long readAt) {
    if (readAt >= askedAt) {
      callsBegun.add(linkedId);
    }
  }
}
