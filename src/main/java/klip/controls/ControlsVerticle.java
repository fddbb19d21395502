package klip.controls;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.access.Principal;
import klip.identity.AgentDirectory;

/**
 * Keeps each agent's state as the queue reports it (its own projection of telephony's member facts) and pushes
 * every change to that agent's desk, so the desk shows what Asterisk did, not what was clicked. Deployed before
 * telephony, so the member states of the first resync reach it.
 */
public final class ControlsVerticle extends VerticleBase {

  private final AgentDirectory agents;
  private final AgentStateBook book = new AgentStateBook();

  public ControlsVerticle(AgentDirectory agents) {
    this.agents = agents;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<JsonObject>consumer(Addresses.AGENT_STATE, m -> memberState(m.body())).completion()
        .compose(v -> vertx.eventBus().<JsonObject>consumer(Addresses.CONTROLS_AGENT_STATE, m -> m.reply(
            stateJson(m.body().getString("interface")))).completion());
  }

  private void memberState(JsonObject fact) {
    book.apply(fact).ifPresent(state -> agents.byInterface(fact.getString("interface")).map(Principal::username)
        .ifPresent(user -> vertx.eventBus().publish(Addresses.agentPops(user),
            state.toJson().put("type", "agentState").put("serverTime", System.currentTimeMillis()))));
  }

  /** {state: ready|not_ready|break|unknown, reason, since, serverTime}; unknown until the queue spoke of it. */
  private JsonObject stateJson(String phoneInterface) {
    JsonObject out = book.of(phoneInterface).map(AgentState::toJson)
        .orElseGet(() -> new JsonObject().put("state", "unknown"));
    return out.put("serverTime", System.currentTimeMillis());
  }
}
