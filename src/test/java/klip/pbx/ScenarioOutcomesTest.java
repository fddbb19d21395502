package klip.pbx;

import static klip.pbx.PbxTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unanswered rings and abandoned callers produce the event shapes of capture session 2. */
class ScenarioOutcomesTest extends PbxTestBase {

  private static List<String> headlines(RawAmiClient c, String... keep) {
    List<String> wanted = List.of(keep);
    return c.blocks().stream().filter(b -> b.startsWith("Event: "))
        .map(block -> block + "\r\n")
        .map(b -> {
          String type = b.substring(7, b.indexOf("\r\n"));
          int i = b.indexOf("DialStatus: ");
          return i < 0 ? type : type + ":" + b.substring(i + 12, b.indexOf("\r\n", i));
        })
        .filter(t -> wanted.stream().anyMatch(t::startsWith)).toList();
  }

  @Test
  void noAnswerThenAnswerElsewhere() {
    RawAmiClient c = rawClient();
    await(pbx.play(CallScenario.builder("0274123456", "Rudi Hartono")
        .ring("Local/agent2@agents/n", "Agent Two", CallScenario.Outcome.NOANSWER)
        .ring("Local/agent1@agents/n", "Agent One", CallScenario.Outcome.ANSWER)
        .ringDuration(Duration.ofSeconds(10)).build()));
    drain(c);
    assertThat(headlines(c, "AgentCalled", "AgentRingNoAnswer", "DialEnd:", "AgentConnect", "AgentComplete"))
        .containsExactly("DialEnd:ANSWER", "AgentCalled", "AgentRingNoAnswer", "DialEnd:NOANSWER", "DialEnd:CANCEL", "AgentCalled",
            "DialEnd:ANSWER", "AgentConnect", "AgentComplete");
    assertThat(String.join("\n", c.blocks())).contains("RingTime: 10000");
  }

  @Test
  void callerAbandonsInQueueWithoutAnyRing() {
    RawAmiClient c = rawClient();
    await(pbx.play(CallScenario.builder("081311110002", "Dewi Lestari").abandonInQueue(Duration.ofSeconds(8)).build()));
    drain(c);
    assertThat(headlines(c, "QueueCaller", "AgentCalled", "Hangup"))
        .containsExactly("QueueCallerJoin", "HangupRequest", "Hangup", "QueueCallerAbandon", "QueueCallerLeave",
            "Hangup");
  }

  @Test
  void callerHangsUpWhileRinging() {
    RawAmiClient c = rawClient();
    await(pbx.play(CallScenario.builder("081311110001", "Agus Wibowo")
        .ring("Local/agent1@agents/n", "Agent One", CallScenario.Outcome.CALLER_HANGUP).build()));
    drain(c);
    assertThat(headlines(c, "AgentCalled", "DialEnd:", "QueueCallerAbandon", "QueueCallerLeave"))
        .containsExactly("DialEnd:ANSWER", "AgentCalled", "DialEnd:CANCEL", "DialEnd:CANCEL", "QueueCallerAbandon", "QueueCallerLeave");
  }

  @Test
  void disconnectAllCutsClientsAndSendRawReachesThem() {
    RawAmiClient c = rawClient();
    var raw = c.await(b -> b.startsWith("Event: Garbage"));
    await(pbx.sendRaw("Event: Garbage\r\nno colon line\r\n\r\n"));
    assertThat(await(raw)).contains("no colon line");
    assertThat(pbx.connectedClients()).isEqualTo(1);
    var ringNext = pbx.ringNextAvailable("081200000000", "Demo Caller");
    assertThat(await(ringNext).iface()).startsWith("Local/agent");
    await(pbx.disconnectAll());
    assertThat(await(c.closed())).isNull();
    assertThat(pbx.connectedClients()).isZero();
  }
}
