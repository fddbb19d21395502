package klip.telephony;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The calls the model knows, keyed by Linkedid, ended ones included for a while so that late or repeated events for
 * them are recognised; and, while Asterisk is being asked what is live (from the login until the listing is applied),
 * the events of calls not known yet, held, and the calls first heard of meanwhile: the listing may show such a call
 * live although its hang-up already arrived, or miss a call that began after it was taken. Not thread safe: confined
 * to telephony's event loop, as {@link CallModel} is.
 */
final class LiveCalls {

  private static final Logger log = LoggerFactory.getLogger(LiveCalls.class);
  /** How long an ended call is remembered so that late or repeated events for it are recognised. */
  private static final long ENDED_MEMORY_MS = 10 * 60_000;

  private final Map<String, LiveCall> calls = new HashMap<>();
  /** Null when no resync runs. */
  private ResyncWindow resync;

  /** A new channel's call: created when it is the first heard of it; null when the call has ended. */
  LiveCall withNewChannel(CallEvent e) {
    LiveCall call = calls.get(e.linkedId());
    if (call == null) {
      call = new LiveCall(e.linkedId(), e.receivedAtMillis());
      calls.put(e.linkedId(), call);
      noteBegun(e);
    } else if (call.ended) {
      log.debug("New channel {} for ended call {}; ignored", e.channel(), e.linkedId());
      return null;
    }
    return call;
  }

  /** Applies {@code update} to the event's call if it is known and live; holds the event while a resync runs. */
  void known(CallEvent e, Consumer<LiveCall> update) {
    LiveCall call = calls.get(e.linkedId());
    if (call == null && resync != null) {
      // Perhaps a call the listing under way will show: applied to it once the listing is in.
      resync.heldEvents.add(e);
      return;
    }
    if (call == null || call.ended) {
      log.debug("{} for unknown or ended call {}; ignored", e.type(), e.linkedId());
      return;
    }
    update.accept(call);
  }

  /** Queue events can be the first we hear of a call (after a reconnect): they may create it. */
  void createdOrKnown(CallEvent e, Consumer<LiveCall> update) {
    LiveCall call = calls.computeIfAbsent(e.linkedId(), id -> {
      noteBegun(e);
      return new LiveCall(id, e.receivedAtMillis());
    });
    if (call.ended) {
      log.debug("{} for ended call {}; ignored", e.type(), e.linkedId());
      return;
    }
    update.accept(call);
  }

  private void noteBegun(CallEvent e) {
    if (resync != null) {
      resync.noteBegun(e.linkedId(), e.receivedAtMillis());
    }
  }

  /** {@code askedAt}: when the catch-up began; calls first read about since then are not judged by its listing. */
  void beginResync(long askedAt) {
    if (resync == null) {
      resync = new ResyncWindow(askedAt);
    }
  }

  boolean begunDuringResync(String linkedId) {
    return resync != null && resync.callsBegun.contains(linkedId);
  }

  /** Ends the resync window; the events held meanwhile go to {@code apply}, in the order they arrived. */
  void endResync(Consumer<CallEvent> apply) {
    ResyncWindow window = resync;
    resync = null;
    if (window != null && !window.heldEvents.isEmpty()) {
      log.info("Applying {} events that arrived during the resync", window.heldEvents.size());
      window.heldEvents.forEach(apply);
    }
  }

  List<LiveCall> live() {
    return calls.values().stream().filter(c -> !c.ended).toList();
  }

  LiveCall getOrCreate(String linkedId, long now) {
    return calls.computeIfAbsent(linkedId, id -> new LiveCall(id, now));
  }

  LiveCall find(String linkedId) {
    return calls.get(linkedId);
  }

  /** Forgets calls that ended long enough ago that no late event for them can still arrive; how many. */
  int purgeEnded(long now) {
    int before = calls.size();
    calls.values().removeIf(c -> c.ended && now - c.endedAt > ENDED_MEMORY_MS);
    return before - calls.size();
  }
}
