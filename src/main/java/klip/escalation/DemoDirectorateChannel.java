package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import klip.Addresses;

/** The demo directorate: forwarded escalations appear live in the built-in directorate inbox page. */
final class DemoDirectorateChannel implements DirectorateChannel {

  private final EventBus bus;

  DemoDirectorateChannel(EventBus bus) {
    this.bus = bus;
  }

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public Future<Integer> forward(JsonObject escalation) {
    bus.publish(Addresses.DIRECTORATE_INBOX, escalation.copy().put("type", "escalation"));
    return Future.succeededFuture(1);
  }
}
