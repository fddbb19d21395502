package klip.telephony;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.facts.FrozenFacts;
import klip.observability.Metrics;

/**
 * Publishes the call model's facts on the event bus for tickets, the live board and whoever else listens, on this
 * node only: the node that owns AMI applies its facts once; on a cluster the other nodes must not apply them again.
 */
final class EventBusCallFacts implements CallFacts {

  static final DeliveryOptions NODE_LOCAL = new DeliveryOptions().setLocalOnly(true);

  private final EventBus bus;
  private final Metrics.Counter ringing;
  private final Metrics.Counter missed;

  EventBusCallFacts(EventBus bus, Metrics metrics) {
    this.bus = bus;
    FrozenFacts.register(bus);
    this.ringing = metrics.counter("klip_calls_rang_total", "Rings at an agent (one call can ring several)");
    this.missed = metrics.counter("klip_calls_missed_total", "Callers who left before any agent rang");
  }

  private void publish(String address, JsonObject fact) {
    bus.publish(address, FrozenFacts.freeze(fact), FrozenFacts.NODE_LOCAL);
  }

  @Override
  public void ringing(LiveCall call, String memberInterface, String memberName, long eventAtMillis) {
    ringing.inc();
    publish(Addresses.CALL_RINGING, call.toJson().put("interface", memberInterface)
        .put("memberName", memberName).put("attempt", call.rang.size()).put("eventAt", eventAtMillis));
  }

  @Override
  public void answered(LiveCall call, String memberInterface, String agentChannel, long eventAtMillis) {
    publish(Addresses.CALL_ANSWERED, call.toJson().put("interface", memberInterface)
        .put("eventAt", eventAtMillis));
  }

  @Override
  public void ended(LiveCall call, long eventAtMillis) {
    publish(Addresses.CALL_ENDED, call.toJson().put("answered", call.answered()).put("eventAt", eventAtMillis));
  }

  @Override
  public void transferred(LiveCall call, String fromInterface, String target, long eventAtMillis) {
    publish(Addresses.CALL_TRANSFERRED, call.toJson().put("fromInterface", fromInterface).put("target", target)
        .put("eventAt", eventAtMillis));
  }

  @Override
  public void recording(LiveCall call, long eventAtMillis) {
    publish(Addresses.CALL_RECORDING, new JsonObject().put("callId", call.linkedId())
        .put("uniqueId", call.recordingUniqueId()).put("file", call.recordingFile()).put("eventAt", eventAtMillis)
        .put("afterRing", !call.rang.isEmpty()));
  }

  @Override
  public void missed(LiveCall call, long eventAtMillis) {
    missed.inc();
    publish(Addresses.CALL_MISSED, call.toJson().put("leftAt", eventAtMillis).put("eventAt", eventAtMillis));
  }

  @Override
  public void queued(LiveCall call, long eventAtMillis) {
    publish(Addresses.CALL_QUEUED, call.toJson().put("eventAt", eventAtMillis));
  }

  @Override
  public void memberState(MemberState state) {
    publish(Addresses.AGENT_STATE, state.toJson());
  }

  @Override
  public void spy(LiveCall call, String spyerChannel, String spyeeChannel, boolean started, long eventAtMillis) {
    publish(started ? Addresses.SPY_STARTED : Addresses.SPY_STOPPED, call.toJson()
        .put("spyerChannel", spyerChannel).put("spyeeChannel", spyeeChannel).put("eventAt", eventAtMillis));
  }
}
