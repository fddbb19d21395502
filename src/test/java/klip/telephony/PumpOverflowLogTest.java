package klip.telephony;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * asterisk-java's pump logs one ERROR line per dropped event; those lines are counted, not printed, and the pump's
 * other lines still reach the configured appenders. The lines are logged here through the pump's own logger, as
 * asterisk-java logs them (the real overflow is {@link PumpOverflowResyncTest}'s).
 */
class PumpOverflowLogTest {

  private final Logger asteriskJava = (Logger) LoggerFactory.getLogger("org.asteriskjava");
  private final Logger pump = (Logger) LoggerFactory.getLogger("org.asteriskjava.manager.internal.AsyncEventPump");
  private final ListAppender<ILoggingEvent> printed = new ListAppender<>();
  private final AtomicLong counted = new AtomicLong();
  private PumpOverflow.Watch watch;

  @BeforeEach
  void watch() {
    watch = PumpOverflow.watch(counted::incrementAndGet);
    printed.start();
    asteriskJava.addAppender(printed);
  }

  @AfterEach
  void unwatch() {
    asteriskJava.detachAppender(printed);
    PumpOverflow.unwatch(watch);
  }

  @Test
  @DisplayName("The pump's per-event 'queue is full' lines are counted, not printed; its other lines are printed")
  void queueFullLinesAreCountedNotPrinted() {
    for (int i = 0; i < 3; i++) {
      pump.error("Event queue is full, discarding event: NewchannelEvent[channel='Local/agent1@agents-" + i + "']");
    }
    pump.error("Unexpected exception in the pump");

    assertThat(counted).hasValue(3);
    assertThat(watch.dropped()).isEqualTo(3);
    assertThat(printed.list).extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("Unexpected exception in the pump");
    assertThat(printed.list.get(0).getLoggerName()).isEqualTo(pump.getName());
  }
}
