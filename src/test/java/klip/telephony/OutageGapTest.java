package klip.telephony;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Replaying Asterisk's CEL rows of an outage into the call model (the rows as cel_pgsql writes them). */
class OutageGapTest {

  private static CelCall.Row row(String type, long at, String channel, String uniqueId, String app, String data) {
    return new CelCall.Row(type, at, "081300000003", "Inside Cut", channel, app, data, uniqueId, "9.0");
  }

  /** A Local-channel call as the real PBX records it: caller ;1/;2, Queue on ;2, agent1 rung then bridged. */
  private static List<CelCall.Row> answeredCall() {
    return List.of(
        row("CHAN_START", 1000, "Local/1500200@from-pstn-00000010;1", "9.0", "", ""),
        row("CHAN_START", 1000, "Local/1500200@from-pstn-00000010;2", "9.1", "", ""),
        row("APP_START", 1010, "Local/1500200@from-pstn-00000010;2", "9.1", "Queue", "eapp,,,,120"),
        row("CHAN_START", 1020, "Local/agent1@agents-00000011;1", "9.2", "", ""),
        row("CHAN_START", 1020, "Local/agent1@agents-00000011;2", "9.3", "", ""),
        row("BRIDGE_ENTER", 2020, "Local/agent1@agents-00000011;1", "9.2", "AppQueue", ""),
        row("HANGUP", 6000, "Local/1500200@from-pstn-00000010;1", "9.0", "", ""),
        row("LINKEDID_END", 6010, "Local/1500200@from-pstn-00000010;1", "9.0", "", ""));
  }

  private static final class Recorded implements CallFacts {
    final List<String> facts = new ArrayList<>();

    @Override public void ringing(LiveCall call, String i, String n, long at) {
      facts.add("ringing " + i + " " + at);
    }

    @Override public void answered(LiveCall call, String i, String c, long at) {
      facts.add("answered " + i + " " + at);
    }

    @Override public void ended(LiveCall call, long at) {
      facts.add("ended " + call.toJson().getString("queuedUniqueId") + " " + call.queue + " " + at);
    }

    @Override public void missed(LiveCall call, long at) {
      facts.add("missed " + call.callerNumber() + " " + at);
    }
  }

  @Test
  @DisplayName("A call wholly inside the outage is replayed in order: ring, answer at the bridge, end at "
      + "LINKEDID_END, with its queue and queued leg (which names its recording)")
  void callWhollyInsideTheOutage() {
    Recorded facts = new Recorded();
    CallModel model = new CallModel(facts, List.of("Local/agent1@agents/n"));
    assertThat(OutageGap.apply(model, answeredCall(), 500)).isEqualTo(1);
    assertThat(facts.facts).containsExactly("ringing Local/agent1@agents/n 1020",
        "answered Local/agent1@agents/n 2020", "ended 9.1 eapp 6010");
  }

  @Test
  @DisplayName("A call seen ringing before the cut is not rung again; a caller who never rang becomes a missed "
      + "call; a call without Queue() (a spy, a callback) is left alone")
  void knownRingsMissedCallsAndOthers() {
    Recorded facts = new Recorded();
    CallModel model = new CallModel(facts, List.of("Local/agent1@agents/n"));
    model.accept(CallEvent.of(CallEvent.Type.AGENT_CALLED, 1020).linkedId("9.0").uniqueId("9.1")
        .queue("eapp").member("Local/agent1@agents/n", "Agent One").build());
    List<CelCall.Row> rows = new ArrayList<>(answeredCall());
    rows.add(new CelCall.Row("CHAN_START", 3000, "0811", "", "Local/1500200@from-pstn-00000020;1", "", "", "8.0",
        "8.0"));
    rows.add(new CelCall.Row("APP_START", 3001, "0811", "", "Local/1500200@from-pstn-00000020;2", "Queue", "eapp",
        "8.1", "8.0"));
    rows.add(new CelCall.Row("LINKEDID_END", 5000, "0811", "", "Local/1500200@from-pstn-00000020;1", "", "", "8.0",
        "8.0"));
    rows.add(new CelCall.Row("CHAN_START", 3000, "2001", "", "Local/tl1@phones-00000030;1", "", "", "7.0", "7.0"));
    rows.add(new CelCall.Row("LINKEDID_END", 3500, "2001", "", "Local/tl1@phones-00000030;1", "", "", "7.0", "7.0"));
    assertThat(OutageGap.apply(model, rows, 1500)).isEqualTo(2);
    assertThat(facts.facts).containsExactly("ringing Local/agent1@agents/n 1020",
        "answered Local/agent1@agents/n 2020", "ended 9.1 eapp 6010", "missed 0811 5000");
  }
}
