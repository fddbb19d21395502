package klip.telephony;

import org.asteriskjava.manager.event.MixMonitorStartEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** VarSet MIXMONITOR_FILENAME and MixMonitorStart become one recording fact; every other VarSet is dropped. */
class RecordingEventsTest {

  private static VarSetEvent varSet(String variable, String value) {
    VarSetEvent e = new VarSetEvent(new Object());
    e.setVariable(variable);
    e.setValue(value);
    e.setLinkedId("1796001090.0");
    e.setUniqueId("1796001090.1");
    e.setChannel("Local/1500200@from-pstn-00000000;2");
    return e;
  }

  /** Call facts that only report recordings. */
  private static CallFacts onRecording(java.util.function.Consumer<LiveCall> recorded) {
    return new CallFacts() {
      @Override public void ringing(LiveCall call, String i, String n, long at) { }
      @Override public void answered(LiveCall call, String i, String c, long at) { }
      @Override public void ended(LiveCall call, long at) { }
      @Override public void missed(LiveCall call, long at) { }
      @Override public void recording(LiveCall call, long at) {
        recorded.accept(call);
      }
    };
  }

  @Test
  @DisplayName("Only MIXMONITOR_FILENAME among VarSets is translated, into a RECORDING event with the file")
  void translatesOnlyTheRecordingVariable() {
    assertThat(AmiEventTranslator.translate(varSet("QUEUEWAIT", "3"), 1L)).isNull();
    CallEvent e = AmiEventTranslator.translate(varSet("MIXMONITOR_FILENAME",
        "/var/spool/asterisk/monitor/2026/11/30/1796001090.1.wav"), 1L);
    assertThat(e.type()).isEqualTo(CallEvent.Type.RECORDING);
    assertThat(e.detail()).endsWith("1796001090.1.wav");
    assertThat(e.uniqueId()).isEqualTo("1796001090.1");
  }

  @Test
  @DisplayName("The call model publishes the recording once per news: the name, then nothing for a repeat")
  void modelPublishesRecordingFact() {
    List<String> files = new ArrayList<>();
    CallModel model = new CallModel(onRecording(call -> files.add(call.recordingUniqueId() + " "
        + call.recordingFile())), List.of());
    model.accept(CallEvent.of(CallEvent.Type.NEW_CHANNEL, 1).linkedId("1796001090.0").uniqueId("1796001090.0")
        .channel("Local/1500200@from-pstn-00000000;1").build());
    model.accept(AmiEventTranslator.translate(varSet("MIXMONITOR_FILENAME", "/m/2026/11/30/1796001090.1.wav"), 2));
    MixMonitorStartEvent start = new MixMonitorStartEvent(new Object());
    start.setLinkedId("1796001090.0");
    start.setUniqueId("1796001090.1");
    model.accept(AmiEventTranslator.translate(start, 3));
    model.accept(AmiEventTranslator.translate(varSet("MIXMONITOR_FILENAME", "/m/2026/11/30/1796001090.1.wav"), 4));
    assertThat(files).containsExactly("1796001090.1 /m/2026/11/30/1796001090.1.wav");
    assertThat(model.liveCalls().get(0).toJson().getString("recordingFile")).endsWith("1796001090.1.wav");
  }

  @Test
  @DisplayName("A second MixMonitor on the call (another leg, or a second one on the caller's) is kept as an extra "
      + "recording and never replaces the recording the queue dialplan started on the queued leg")
  void secondMixMonitorIsAnExtra() {
    List<String> files = new ArrayList<>();
    CallModel model = new CallModel(onRecording(call -> files.add(call.recordingFile())), List.of());
    model.accept(CallEvent.of(CallEvent.Type.NEW_CHANNEL, 1).linkedId("1796001090.0").uniqueId("1796001090.0")
        .channel("Local/1500200@from-pstn-00000000;1").build());
    model.accept(AmiEventTranslator.translate(varSet("MIXMONITOR_FILENAME", "/m/2026/11/30/1796001090.1.wav"), 2));
    model.accept(CallEvent.of(CallEvent.Type.QUEUE_JOIN, 3).linkedId("1796001090.0").uniqueId("1796001090.1")
        .queue("eapp").build());
    VarSetEvent agentLeg = varSet("MIXMONITOR_FILENAME", "/m/2026/11/30/side-7s.wav");
    agentLeg.setUniqueId("1796001090.3");
    model.accept(AmiEventTranslator.translate(agentLeg, 4));
    model.accept(AmiEventTranslator.translate(varSet("MIXMONITOR_FILENAME", "/m/2026/11/30/again.wav"), 5));
    assertThat(files).containsExactly("/m/2026/11/30/1796001090.1.wav");
    var json = model.liveCalls().get(0).toJson();
    assertThat(json.getString("recordingFile")).isEqualTo("/m/2026/11/30/1796001090.1.wav");
    assertThat(json.getString("queuedUniqueId")).isEqualTo("1796001090.1");
    assertThat(json.getJsonArray("extraRecordings")).containsExactly("/m/2026/11/30/side-7s.wav",
        "/m/2026/11/30/again.wav");
  }

  @Test
  @DisplayName("A call first learned at a resync knows its queue and its queued leg from the channel running "
      + "Queue(), so its recording's name can be derived without the VarSet")
  void resyncLearnsTheQueuedLeg() {
    CallModel model = new CallModel(onRecording(call -> { }), List.of("Local/agent1@agents/n"));
    new Resynchroniser(model).apply(List.of(
        new Resynchroniser.ChannelRow("Local/1500200@from-pstn-00000004;1", "7.0", "7.0", "Up", "0815", "E", "",
            "Wait", "30"),
        new Resynchroniser.ChannelRow("Local/1500200@from-pstn-00000004;2", "7.1", "7.0", "Up", "0815", "E", "b1",
            "Queue", "eapp,,,,120"),
        new Resynchroniser.ChannelRow("Local/agent1@agents-00000005;1", "7.2", "7.0", "Up", "0815", "E", "b1",
            "AppQueue", "(Outgoing Line)")), List.of(), List.of(), 10);
    var json = model.liveCalls().get(0).toJson();
    assertThat(json.getString("queue")).isEqualTo("eapp");
    assertThat(json.getString("queuedUniqueId")).isEqualTo("7.1");
    assertThat(json.getString("connectedInterface")).isEqualTo("Local/agent1@agents/n");
  }
}
