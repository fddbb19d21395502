package klip.controls;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.cluster.OwnerBound;
import klip.access.Principal;
import klip.identity.AgentDirectory;
import klip.tickets.Tickets;

/**
 * Keeps each agent's state as the queue reports it (its own projection of telephony's member facts) and pushes
 * every change to that agent's desk, so the desk shows what Asterisk did, not what was clicked. Deployed before
 * telephony, so the member states of the first resync reach it. Also pauses agents during after-call work
 * ({@link AfterCallWork}).
 */
public final class ControlsVerticle extends VerticleBase {

  private final AgentDirectory agents;
  private final AgentStateBook book = new AgentStateBook();
  private final Tickets tickets;
  private final boolean acwPause;
  private final long acwMaxMs;
  /** Null when agents are not paused during after-call work. */
  private AfterCallWork acw;
  private final OwnerBound ownerBound;

  /**
   * {@code acwPause}: whether agents are paused during after-call work; {@code acwMaxMs}: the longest after-call
   * work before the agent is unpaused anyway (0: until the ticket is finished).
   */
  public ControlsVerticle(AgentDirectory agents, Tickets tickets, boolean acwPause, long acwMaxMs,
                          OwnerBound ownerBound) {
    this.ownerBound = ownerBound;
    this.agents = agents;
    this.tickets = tickets;
    this.acwPause = acwPause;
    this.acwMaxMs = acwMaxMs;
  }

  @Override
  public Future<?> start() {
    // The queue's facts come from this node's telephony, applied once by the node owning AMI; an agent's state is
    // asked of that node wherever the agent signed in. A ticket's change may come from any node's API.
    Future<Void> states = vertx.eventBus().<JsonObject>localConsumer(Addresses.AGENT_STATE, m -> memberState(m.body()))
        .completion().compose(v -> ownerBound.<JsonObject>consumer(Addresses.CONTROLS_AGENT_STATE, m -> m.reply(
            stateJson(m.body().getString("interface")))))
        .compose(v -> vertx.eventBus().localConsumer(Addresses.CONTROLS_MEMBERS, m -> m.reply(book.members()))
            .completion());
    if (!acwPause) {
      return states;
    }
    acw = new AfterCallWork(vertx, book, tickets, agents, acwMaxMs);
    return states
        .compose(v -> vertx.eventBus().<JsonObject>localConsumer(Addresses.CALL_ENDED, m -> acw.callEnded(m.body()))
            .completion())
        .compose(v -> vertx.eventBus().<JsonObject>consumer(Addresses.TICKET_UPDATED, m -> acw.ticketUpdated(
            m.body())).completion());
  }

  private void memberState(JsonObject fact) {
    book.apply(fact).ifPresent(state -> {
      agents.byInterface(fact.getString("interface")).map(Principal::username)
          .ifPresent(user -> vertx.eventBus().publish(Addresses.agentPops(user),
              state.toJson().put("type", "agentState").put("serverTime", System.currentTimeMillis())));
      if (acw != null && state.kind() == AgentState.Kind.AFTER_CALL_WORK) {
        acw.pausedUnknown(fact.getString("interface"));
      }
    });
  }

  /** {state: ready|not_ready|break|unknown, reason, since, serverTime}; unknown until the queue spoke of it. */
  private JsonObject stateJson(String phoneInterface) {
    JsonObject out = book.of(phoneInterface).map(AgentState::toJson)
        .orElseGet(() -> new JsonObject().put("state", "unknown"));
    return out.put("serverTime", System.currentTimeMillis());
  }
}
