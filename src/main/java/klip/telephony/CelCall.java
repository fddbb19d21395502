package klip.telephony;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One queued call as Asterisk's CEL records it: who called, the queue and the leg in it, which agents' phones
 * rang (in order), whose leg was bridged (answered) and when the call ended (LINKEDID_END; null while live).
 */
record CelCall(String linkedId, long firstAt, String callerNumber, String callerName, String queue,
               String queuedUniqueId, long queuedAt, List<Ring> rings, Ring answered, Long endedAt) {

  /** An agent's channel created (rung) or bridged at {@code at}. */
  record Ring(String channel, long at) {
  }

  /** One CEL row, as read from the table. */
  record Row(String eventType, long at, String callerNumber, String callerName, String channel, String appName,
             String appData, String uniqueId, String linkedId) {
  }

  /**
   * The queued calls among {@code rows} (ordered as written), grouped by Linkedid. A call with no Queue() is not
   * the call handler's (a team leader's spy, a callback) and is left out; so are its agents' channels.
   */
  static List<CelCall> fromRows(List<Row> rows, Predicate<String> isMemberChannel) {
    Map<String, List<Row>> byCall = new LinkedHashMap<>();
    rows.forEach(r -> {
      if (r.linkedId() != null && !r.linkedId().isBlank()) {
        byCall.computeIfAbsent(r.linkedId(), id -> new ArrayList<>()).add(r);
      }
    });
    List<CelCall> calls = new ArrayList<>();
    byCall.forEach((linkedId, events) -> {
      CelCall call = of(linkedId, events, isMemberChannel);
      if (call != null) {
        calls.add(call);
      }
    });
    return calls;
  }

  private static CelCall of(String linkedId, List<Row> events, Predicate<String> isMemberChannel) {
    String number = null;
    String name = null;
    String queue = null;
    String queuedUniqueId = null;
    long queuedAt = 0;
    Ring answered = null;
    Long endedAt = null;
    List<Ring> rings = new ArrayList<>();
    List<String> rungLegs = new ArrayList<>();
    for (Row e : events) {
      // The caller's leg (and the queued leg, which carries its caller ID): an originated leg's CHAN_START may
      // come before its caller ID is set, so the first event that has one names the caller.
      if (linkedId.equals(e.uniqueId()) || (queuedUniqueId != null && queuedUniqueId.equals(e.uniqueId()))
          || ("APP_START".equals(e.eventType()) && "Queue".equalsIgnoreCase(e.appName()))) {
        number = number != null ? number : blankToNull(e.callerNumber());
        name = name != null ? name : blankToNull(e.callerName());
      }
      switch (e.eventType()) {
        case "CHAN_START" -> {
          if (!linkedId.equals(e.uniqueId()) && isMemberChannel.test(e.channel())
              && !rungLegs.contains(legOf(e.channel()))) {
            rungLegs.add(legOf(e.channel())); // a Local member's ;1 and ;2 are one ring
            rings.add(new Ring(e.channel(), e.at()));
          }
        }
        case "APP_START" -> {
          if ("Queue".equalsIgnoreCase(e.appName()) && queue == null) {
            queue = e.appData() == null ? "" : e.appData().split(",", 2)[0].trim();
            queuedUniqueId = e.uniqueId();
            queuedAt = e.at();
          }
        }
        case "BRIDGE_ENTER" -> {
          if (answered == null && isMemberChannel.test(e.channel())) {
            answered = new Ring(e.channel(), e.at());
          }
        }
        case "LINKEDID_END" -> endedAt = e.at();
        default -> {
          // ANSWER, HANGUP, APP_END, BRIDGE_EXIT, CHAN_END: the facts above already say what they would
        }
      }
    }
    if (queue == null) {
      return null;
    }
    return new CelCall(linkedId, events.get(0).at(), number, name, queue, queuedUniqueId, queuedAt, rings, answered,
        endedAt);
  }

  private static String legOf(String channel) {
    int semicolon = channel.lastIndexOf(';');
    return semicolon > 0 ? channel.substring(0, semicolon) : channel;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
