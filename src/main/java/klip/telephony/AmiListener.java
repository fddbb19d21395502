package klip.telephony;

import io.vertx.core.Context;
import klip.observability.Metrics;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * asterisk-java's listener. It runs on asterisk-java's reader thread, which drops events when a listener is
 * slow, so it does exactly one thing: translate the event into an immutable record and hand it to the
 * telephony verticle's context. No Vert.x state is read or written here.
 *
 * <p>Events are handed over through one queue that the event loop drains: waking the event loop costs a system
 * call on both sides, so a burst of events wakes it once per drain instead of once per event, while a lone event
 * still goes at once.
 */
final class AmiListener implements ManagerEventListener {

  private static final Logger log = LoggerFactory.getLogger(AmiListener.class);
  private static final int DRAIN_SLICE = 256;

  private final Context context;
  private final CallModel model;
  private final Consumer<ConnectEvent> onConnect;
  private final Consumer<DisconnectEvent> onDisconnect;
  private final Metrics.Counter received;
  private final Metrics.Counter used;
  private final Metrics.Counter rejected;
  private final Queue<Runnable> handed = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final PumpOverflow.Watch overflow;
  private final LongConsumer onDropped;

  /**
   * @param overflow  this connection's dropped events, or null when they cannot be noticed
   * @param onDropped on the event loop, after asterisk-java dropped events: when the first was dropped
   */
  AmiListener(Context context, CallModel model, Metrics metrics, Consumer<ConnectEvent> onConnect,
              Consumer<DisconnectEvent> onDisconnect, PumpOverflow.Watch overflow, LongConsumer onDropped) {
    this.overflow = overflow;
    this.onDropped = onDropped;
    this.context = context;
    this.model = model;
    this.onConnect = onConnect;
    this.onDisconnect = onDisconnect;
    this.received = metrics.counter("klip_ami_events_total",
        "AMI events received (asterisk-java builds none of the types the call model never reads)");
    this.used = metrics.counter("klip_ami_call_events_total", "AMI events the call model reads");
    this.rejected = metrics.counter("klip_ami_events_rejected_total", "AMI events that could not be translated");
  }

  @Override
  public void onManagerEvent(ManagerEvent event) {
    long now = readAt(event);
    received.inc();
    long droppedAt = overflow == null ? 0 : overflow.takeDrops();
    if (droppedAt > 0) {
      // The resync's answers come through the same pump, after every event it still holds from before the loss.
      hand(() -> onDropped.accept(droppedAt));
    }
    if (event instanceof ConnectEvent connect) {
      hand(() -> onConnect.accept(connect));
      return;
    }
    if (event instanceof DisconnectEvent disconnect) {
      hand(() -> onDisconnect.accept(disconnect));
      return;
    }
    CallEvent callEvent;
    try {
      callEvent = AmiEventTranslator.translate(event, now);
    } catch (RuntimeException e) {
      rejected.inc();
      log.warn("Skipped malformed AMI event {}: {}", event.getClass().getSimpleName(), e.toString());
      return;
    }
    if (callEvent == null || !CallModel.reads(callEvent)) {
      return;
    }
    used.inc();
    hand(() -> apply(callEvent));
  }

  /**
   * When asterisk-java's reader read the event: the call's real time even when its pump is behind, and what tells a
   * resync which calls began before it asked Asterisk (see {@link ResyncWindow}).
   */
  private static long readAt(ManagerEvent event) {
    java.util.Date read = event.getDateReceived();
    return read == null ? System.currentTimeMillis() : read.getTime();
  }

  /** Queues the work for the event loop, in arrival order; schedules a drain unless one is already due. */
  private void hand(Runnable work) {
    handed.add(work);
    if (drainScheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> drain());
    }
  }

  /** On the event loop: runs what was handed over, at most a slice at a time so pops and timers still get turns. */
  private void drain() {
    drainScheduled.set(false);
    Runnable work;
    for (int n = 0; n < DRAIN_SLICE && (work = handed.poll()) != null; n++) {
      work.run();
    }
    if (!handed.isEmpty() && drainScheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> drain());
    }
  }

  private void apply(CallEvent callEvent) {
    try {
      model.accept(callEvent);
    } catch (RuntimeException e) {
      // A model bug for one event must not take down the stream for every other call.
      log.error("Call model failed on {} for call {}", callEvent.type(), callEvent.linkedId(), e);
    }
  }
}
