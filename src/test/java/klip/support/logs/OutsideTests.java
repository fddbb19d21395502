package klip.support.logs;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Logback filter for the console: passes events only when no test class runs, so a benchmark started with
 * {@code exec:java} still shows its progress while the test suite stays quiet.
 */
public final class OutsideTests extends Filter<ILoggingEvent> {

  @Override
  public FilterReply decide(ILoggingEvent event) {
    return TestLogs.currentClass() == null ? FilterReply.NEUTRAL : FilterReply.DENY;
  }
}
