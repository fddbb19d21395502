package klip.pbx;

import static klip.pbx.PbxTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replaying a capture delivers every event it holds, byte for byte, and none of its responses. */
class ReplayTest extends PbxTestBase {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void replayDeliversAllEventsOfTheCapture(int session) {
    String transcript = PbxTestSupport.resource("ami-session-" + session + ".txt");
    long expected = PbxTestSupport.summaryEventCount(PbxTestSupport.resource("ami-session-" + session + ".summary.txt"));
    RawAmiClient client = rawClient();
    client.clear();
    await(pbx.replay(transcript, session == 2 ? Duration.ofMillis(1) : Duration.ZERO));
    drain(client);
    assertThat(client.eventCount() - 1).isEqualTo(expected);
    assertThat(client.blocks()).noneMatch(b -> b.startsWith("Response:"));
    assertThat(String.join("\r\n\r\n", client.blocks())).contains("Event: AgentCalled\r\nPrivilege: agent,all\r\n");
  }
}
