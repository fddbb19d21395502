package klip.telephony;

import klip.telephony.CallEvent.Type;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The call model's conclusions from event sequences, including repeated and out-of-order events. */
class CallModelTest {

  private final List<String> facts = new ArrayList<>();
  private CallModel model;
  private long clock = 1_000;

  @BeforeEach
  void setUp() {
    model = new CallModel(new CallFacts() {
      @Override
      public void ringing(LiveCall call, String iface, String name, long at) {
        facts.add("ringing " + call.linkedId() + " " + iface);
      }

      @Override
      public void answered(LiveCall call, String iface, String channel, long at) {
        facts.add("answered " + call.linkedId() + " " + iface);
      }

      @Override
      public void ended(LiveCall call, long at) {
        facts.add("ended " + call.linkedId() + " answered=" + call.answered());
      }

      @Override
      public void missed(LiveCall call, long at) {
        facts.add("missed " + call.linkedId() + " " + call.callerNumber());
      }

      @Override
      public void transferred(LiveCall call, String from, String target, long at) {
        facts.add("transferred " + call.linkedId() + " " + from + " " + target);
      }
    }, List.of("PJSIP/1001", "PJSIP/1002", "PJSIP/2001"));
  }

  private CallEvent.Builder event(Type type) {
    return CallEvent.of(type, clock++).linkedId("1.0");
  }

  @Test
  @DisplayName("A repeated AgentCalled does not ring twice; a late AgentCalled after the hang-up is ignored")
  void duplicatesAndLateEvents() {
    model.accept(event(Type.NEW_CHANNEL).uniqueId("1.0").channel("PJSIP/trunk-1").caller("0811", "A").build());
    model.accept(event(Type.QUEUE_JOIN).uniqueId("1.0").channel("PJSIP/trunk-1").queue("eapp").caller("0811", "A")
        .build());
    CallEvent called = event(Type.AGENT_CALLED).uniqueId("1.0").channel("PJSIP/trunk-1").queue("eapp")
        .member("PJSIP/1001", "One").caller("0811", "A").build();
    model.accept(called);
    model.accept(called);
    model.accept(event(Type.AGENT_CONNECT).uniqueId("1.0").member("PJSIP/1001", "One").destChannel("PJSIP/1001-1")
        .build());
    model.accept(event(Type.AGENT_CONNECT).uniqueId("1.0").member("PJSIP/1001", "One").destChannel("PJSIP/1001-1")
        .build());
    model.accept(event(Type.HANGUP).uniqueId("1.0").channel("PJSIP/trunk-1").build());
    model.accept(called);
    model.accept(event(Type.HANGUP).uniqueId("1.0").channel("PJSIP/trunk-1").build());
    assertThat(facts).containsExactly("ringing 1.0 PJSIP/1001", "answered 1.0 PJSIP/1001", "ended 1.0 answered=true");
  }

  @Test
  @DisplayName("A blind transfer of the connected agent's leg makes the next ring (queue or dialplan Dial to a phone of "
      + "the roster) a ring and answer of the same call, whichever of the transfer and the caller's next ring Asterisk "
      + "reports first; the agent's hang-up does not end it; a transfer by a channel that is not the agent's, or of a "
      + "call no longer connected, changes nothing")
  void transfer() {
    model.accept(event(Type.NEW_CHANNEL).uniqueId("1.0").channel("PJSIP/trunk-1").caller("0811", "A").build());
    model.accept(event(Type.QUEUE_JOIN).uniqueId("1.0").channel("PJSIP/trunk-1").queue("eapp").caller("0811", "A")
        .build());
    model.accept(event(Type.AGENT_CONNECT).uniqueId("1.0").queue("eapp").member("PJSIP/1001", "One")
        .destChannel("PJSIP/1001-1").build());
    model.accept(event(Type.TRANSFER).uniqueId("1.5").channel("PJSIP/1002-7").destChannel("PJSIP/trunk-1")
        .detail("queue").build());
    model.accept(event(Type.TRANSFER).uniqueId("1.1").channel("PJSIP/1001-1").destChannel("PJSIP/trunk-1")
        .detail("queue").build());
    model.accept(event(Type.TRANSFER).uniqueId("1.1").channel("PJSIP/1001-1").destChannel("PJSIP/trunk-1")
        .detail("queue").build());
    model.accept(event(Type.HANGUP).uniqueId("1.1").channel("PJSIP/1001-1").build());
    model.accept(event(Type.QUEUE_JOIN).uniqueId("1.0").channel("PJSIP/trunk-1").queue("eapp").build());
    model.accept(event(Type.AGENT_CALLED).uniqueId("1.0").channel("PJSIP/trunk-1").queue("eapp")
        .member("PJSIP/1002", "Two").destChannel("PJSIP/1002-2").build());
    model.accept(event(Type.DIAL_BEGIN).uniqueId("1.0").channel("PJSIP/trunk-1").destChannel("PJSIP/1002-2").build());
    model.accept(event(Type.DIAL_END).uniqueId("1.0").channel("PJSIP/trunk-1").destChannel("PJSIP/1002-2")
        .detail("ANSWER").build());
    model.accept(event(Type.AGENT_CONNECT).uniqueId("1.0").queue("eapp").member("PJSIP/1002", "Two")
        .destChannel("PJSIP/1002-2").build());
    // Asterisk may report the caller's Dial to the leader's phone before the BlindTransfer event itself.
    model.accept(event(Type.DIAL_BEGIN).uniqueId("1.0").channel("PJSIP/trunk-1").destChannel("PJSIP/2001-3").build());
    model.accept(event(Type.TRANSFER).uniqueId("1.2").channel("PJSIP/1002-2").destChannel("PJSIP/trunk-1")
        .detail("leader-tl1").build());
    model.accept(event(Type.DIAL_END).uniqueId("1.0").channel("PJSIP/trunk-1").destChannel("PJSIP/2001-3")
        .detail("ANSWER").build());
    model.accept(event(Type.HANGUP).uniqueId("1.0").channel("PJSIP/trunk-1").build());
    assertThat(facts).containsExactly("ringing 1.0 PJSIP/1001", "answered 1.0 PJSIP/1001",
        "transferred 1.0 PJSIP/1001 queue", "ringing 1.0 PJSIP/1002", "answered 1.0 PJSIP/1002",
        "transferred 1.0 PJSIP/1002 PJSIP/2001", "ringing 1.0 PJSIP/2001", "answered 1.0 PJSIP/2001",
        "ended 1.0 answered=true");
  }

  @Test
  @DisplayName("AgentConnect without a prior AgentCalled still rings then answers; a caller who never rang is missed")
  void outOfOrderAndMissed() {
    model.accept(event(Type.AGENT_CONNECT).uniqueId("1.0").queue("eapp").member("PJSIP/1002", "Two")
        .caller("0812", "B").destChannel("PJSIP/1002-9").build());
    model.accept(CallEvent.of(Type.NEW_CHANNEL, clock++).linkedId("2.0").uniqueId("2.0").channel("PJSIP/trunk-2")
        .caller("0813", "C").build());
    model.accept(CallEvent.of(Type.QUEUE_JOIN, clock++).linkedId("2.0").uniqueId("2.0").channel("PJSIP/trunk-2")
        .queue("eapp").caller("0813", "C").build());
    model.accept(CallEvent.of(Type.QUEUE_ABANDON, clock++).linkedId("2.0").uniqueId("2.0").queue("eapp").build());
    model.accept(CallEvent.of(Type.HANGUP, clock++).linkedId("2.0").uniqueId("2.0").channel("PJSIP/trunk-2").build());
    assertThat(facts).containsExactly("ringing 1.0 PJSIP/1002", "answered 1.0 PJSIP/1002", "missed 2.0 0813");
  }

  @Test
  @DisplayName("A direct dial to an agent's phone, with no queue, rings and answers that agent")
  void directDial() {
    model.accept(event(Type.NEW_CHANNEL).uniqueId("1.0").channel("PJSIP/trunk-1").caller("0814", "D").build());
    model.accept(event(Type.DIAL_BEGIN).uniqueId("1.0").channel("PJSIP/trunk-1").destChannel("PJSIP/1002-0000000b")
        .caller("0814", "D").build());
    model.accept(event(Type.DIAL_END).uniqueId("1.0").destChannel("PJSIP/1002-0000000b").detail("ANSWER").build());
    model.accept(event(Type.HANGUP).uniqueId("1.0").channel("PJSIP/trunk-1").build());
    assertThat(facts).containsExactly("ringing 1.0 PJSIP/1002", "answered 1.0 PJSIP/1002", "ended 1.0 answered=true");
  }

  @Test
  @DisplayName("Resync: a call found ringing after a reconnect rings; one gone meanwhile ends")
  void resync() {
    model.accept(event(Type.AGENT_CALLED).uniqueId("1.0").channel("PJSIP/trunk-1").queue("eapp")
        .member("PJSIP/1001", "One").caller("0811", "A").build());
    new Resynchroniser(model).apply(List.of(
            new Resynchroniser.ChannelRow("PJSIP/trunk-3", "3.0", "3.0", "Up", "0815", "E", ""),
            new Resynchroniser.ChannelRow("PJSIP/1002-0000000c", "3.1", "3.0", "Ringing", "0815", "E", "")),
        List.of(new Resynchroniser.QueueEntryRow("eapp", "3.0", "PJSIP/trunk-3", 7)), List.of(), clock);
    assertThat(facts).containsExactly("ringing 1.0 PJSIP/1001", "ended 1.0 answered=false", "ringing 3.0 PJSIP/1002");
  }
}
