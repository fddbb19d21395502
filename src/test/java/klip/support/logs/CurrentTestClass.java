package klip.support.logs;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.sift.AbstractDiscriminator;

/** Logback discriminator: the log file of an event is that of the test class running now (see TestLogs). */
public final class CurrentTestClass extends AbstractDiscriminator<ILoggingEvent> {

  @Override
  public String getDiscriminatingValue(ILoggingEvent event) {
    String name = TestLogs.currentClass();
    return name == null ? "outside-tests" : name;
  }

  @Override
  public String getKey() {
    return "testClass";
  }
}
