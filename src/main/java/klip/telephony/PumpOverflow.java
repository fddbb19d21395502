package klip.telephony;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Notices the AMI events asterisk-java drops. Its reader thread hands every event to an event pump thread through
 * a queue of 20,000 that cannot be configured; when the pump thread falls that far behind (starved of CPU), the
 * reader drops the next events and only says so in the pump's log ("Event queue is full"). That log line is the
 * one sign of the loss, so an appender on that logger watches for it, on the reader thread that dropped the
 * event, and tells the connection's {@link Watch}; the telephony verticle then resynchronises from Asterisk as
 * after a lost connection. One appender serves every connection of the JVM.
 *
 * <p>asterisk-java logs that line at ERROR once per dropped event, with the whole event: thousands of lines for one
 * loss, which bury the one line that matters (the telephony verticle's, with the time of the first drop, followed
 * by the resync). So the pump's logger writes through this appender only: it counts those lines and passes every
 * other line of the pump on to the loggers above it, as before.
 */
final class PumpOverflow extends AppenderBase<ILoggingEvent> {

  private static final String PUMP_LOGGER = "org.asteriskjava.manager.internal.AsyncEventPump";
  private static final String QUEUE_FULL = "Event queue is full";
  /** asterisk-java names the pump thread after its reader: "...-Reader-N:AsyncEventPump". */
  private static final String PUMP_SUFFIX = ":AsyncEventPump";
  private static final org.slf4j.Logger log = LoggerFactory.getLogger(PumpOverflow.class);
  private static PumpOverflow installed;

  private final Set<Watch> watches = new CopyOnWriteArraySet<>();
  /** The pump logger's parent: the pump's other lines go on through it to the configured appenders. */
  private final Logger above;

  private PumpOverflow(Logger above) {
    this.above = above;
  }

  /** One connection's drops: set on asterisk-java's reader thread, taken on its pump thread. */
  static final class Watch {
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong firstUnhandledAt = new AtomicLong();
    private final Runnable counted;
    /** "Asterisk-Java ManagerConnection-N-Reader-": the same for every reader thread of this connection. */
    private volatile String readerPrefix;

    private Watch(Runnable counted) {
      this.counted = counted;
    }

    /**
     * Called by the listener on the pump thread for each event: learns which reader threads are this
     * connection's, and returns when the first event dropped since the last call was dropped (0: none).
     */
    long takeDrops() {
      if (readerPrefix == null) {
        String pump = Thread.currentThread().getName();
        int reader = pump.lastIndexOf("-Reader-");
        if (pump.endsWith(PUMP_SUFFIX) && reader > 0) {
          readerPrefix = pump.substring(0, reader + "-Reader-".length());
        }
      }
      return firstUnhandledAt.get() == 0 ? 0 : firstUnhandledAt.getAndSet(0);
    }

    /** Events dropped on this connection so far. */
    long dropped() {
      return dropped.get();
    }

    private boolean owns(String readerThread) {
      String prefix = readerPrefix;
      return prefix != null && readerThread.startsWith(prefix);
    }

    private void drop() {
      dropped.incrementAndGet();
      firstUnhandledAt.compareAndSet(0, System.currentTimeMillis());
      counted.run();
    }
  }

  /**
   * Watches for this connection's drops; {@code counted} runs on the reader thread for each dropped event (keep
   * it cheap). Null when logging is not logback's: drops then go unnoticed, which is logged once.
   */
  static synchronized Watch watch(Runnable counted) {
    if (installed == null) {
      if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
        log.warn("Logging is not logback: AMI events dropped by asterisk-java's full event queue cannot be noticed");
        return null;
      }
      Logger pump = context.getLogger(PUMP_LOGGER);
      if (!pump.isErrorEnabled()) {
        pump.setLevel(Level.ERROR);
      }
      installed = new PumpOverflow(context.getLogger(PUMP_LOGGER.substring(0, PUMP_LOGGER.lastIndexOf('.'))));
      installed.setContext(context);
      installed.setName("klip-ami-pump-overflow");
      installed.start();
      pump.addAppender(installed);
      pump.setAdditive(false);
    }
    Watch watch = new Watch(counted);
    installed.watches.add(watch);
    return watch;
  }

  static synchronized void unwatch(Watch watch) {
    if (installed != null && watch != null) {
      installed.watches.remove(watch);
    }
  }

  @Override
  protected void append(ILoggingEvent event) {
    String message = event.getMessage();
    if (message == null || !message.contains(QUEUE_FULL)) {
      above.callAppenders(event);
      return;
    }
    String thread = event.getThreadName();
    boolean claimed = false;
    for (Watch w : watches) {
      if (w.owns(thread)) {
        w.drop();
        claimed = true;
      }
    }
    if (!claimed) {
      // Another connection's (a client of the same JVM), or one whose pump has not delivered an event yet: each
      // connection not known by its reader thread yet resynchronises, to be safe.
      watches.stream().filter(w -> w.readerPrefix == null).forEach(Watch::drop);
    }
  }
}
