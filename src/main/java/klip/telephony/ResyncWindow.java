package klip.telephony;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What happened while Asterisk was being asked what is live: the events of calls the model did not know yet (held
 * until the listing is applied) and the calls first heard of meanwhile (a listing taken before they began cannot
 * show them, so their absence from it does not end them).
 */
final class ResyncWindow {
  final List<CallEvent> heldEvents = new ArrayList<>();
  final Set<String> callsBegun = new HashSet<>();
}
