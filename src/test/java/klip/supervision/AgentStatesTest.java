package klip.supervision;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which state an agent shows, where the queue's view and the call facts disagree. */
class AgentStatesTest {

  private static final String PHONE = "Local/agent1@agents/n";

  private static JsonObject member(Integer status, Boolean paused, String reason) {
    return new JsonObject().put("interface", PHONE).put("status", status).put("paused", paused)
        .put("pausedReason", reason);
  }

  private static BoardCall call(BoardCall.State state) {
    BoardCall c = new BoardCall("1.1", 0);
    if (state == BoardCall.State.RINGING) {
      c.ringing("Local/agent1@agents/n", 10);
    } else if (state == BoardCall.State.TALKING) {
      c.answered("Local/agent1@agents/n", 20);
    }
    return c;
  }

  @Test
  @DisplayName("Unknown to the queue, unavailable or invalid: logged out; not in use: available; paused with reason")
  void queueView() {
    AgentStates states = new AgentStates(15_000);
    assertThat(states.stateOf(PHONE, List.of(), 0).getString("state")).isEqualTo("logged_out");
    states.apply(member(5, false, null));
    assertThat(states.stateOf(PHONE, List.of(), 0).getString("state")).isEqualTo("logged_out");
    states.apply(member(1, null, null));
    assertThat(states.stateOf(PHONE, List.of(), 0).getString("state")).isEqualTo("available");
    states.apply(member(null, true, "lunch"));
    JsonObject paused = states.stateOf(PHONE, List.of(), 0);
    assertThat(paused.getString("state")).isEqualTo("paused");
    assertThat(paused.getString("pausedReason")).isEqualTo("lunch");
  }

  @Test
  @DisplayName("A Local member's device reads 'in use' while it only rings: the call fact says ringing; answered is "
      + "on a call; after the call, wrap-up for the window, then available")
  void callFactsWin() {
    AgentStates states = new AgentStates(15_000);
    states.apply(member(2, false, null));
    assertThat(states.stateOf(PHONE, List.of(call(BoardCall.State.RINGING)), 0).getString("state"))
        .isEqualTo("ringing");
    assertThat(states.stateOf(PHONE, List.of(call(BoardCall.State.TALKING)), 0).getString("state"))
        .isEqualTo("on_call");
    states.apply(member(1, false, null));
    states.callEnded(PHONE, 100_000);
    assertThat(states.stateOf(PHONE, List.of(), 110_000).getString("state")).isEqualTo("wrap_up");
    assertThat(states.stateOf(PHONE, List.of(), 115_001).getString("state")).isEqualTo("available");
  }

  @DisplayName("Member states from before the board listened fill in only what the board has not heard: a member "
      + "it knows from a fact keeps that fact; one known only from a call's end takes the earlier state")
  @Test
  void earlierStatesFillGapsOnly() {
    AgentStates states = new AgentStates(0);
    states.apply(member(1, false, null));
    states.applyIfUnknown(member(1, true, "meal"));
    assertThat(states.stateOf(PHONE, List.of(), 0).getString("state")).isEqualTo("available");

    AgentStates afterCall = new AgentStates(0);
    afterCall.callEnded(PHONE, 10);
    afterCall.applyIfUnknown(member(1, true, "meal"));
    assertThat(afterCall.stateOf(PHONE, List.of(), 20).getString("pausedReason")).isEqualTo("meal");

    AgentStates fresh = new AgentStates(0);
    fresh.applyIfUnknown(member(1, true, "prayer"));
    assertThat(fresh.stateOf(PHONE, List.of(), 0).getString("state")).isEqualTo("paused");
  }
}
