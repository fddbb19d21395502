package klip.bench;

import klip.pbx.TranscriptReplayer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's calls are the captured ones with fresh identities, so what it measures is the real mix. */
class CallTemplatesTest {

  private final List<CallTemplates.Template> templates = CallTemplates.fromResource("/ami/ami-session-1.txt");

  @Test
  @DisplayName("Session 1 yields its three answered calls, each cut into entry, ring, answer and end")
  void templatesOfSessionOne() {
    assertThat(templates).hasSize(3);
    for (CallTemplates.Template t : templates) {
      CallTemplates.Call call = t.render(7, BenchAgent.number(42), BenchAgent.number(43), "081299990000", "Uji Coba");
      assertThat(call.ring()).startsWith("Event: AgentCalled\r\n");
      assertThat(call.answer()).startsWith("Event: AgentConnect\r\n");
      assertThat(TranscriptReplayer.events(call.all())).hasSize(t.eventCount());
    }
  }

  @Test
  @DisplayName("A rendered call rings the chosen agent, from the chosen caller, with ids of its own")
  void renderedCallHasFreshIdentities() {
    CallTemplates.Call call = templates.get(0).render(7, BenchAgent.number(42), BenchAgent.number(43),
        "081299990000", "Uji Coba");
    String all = call.all();
    assertThat(call.linkedId()).isEqualTo("1800000007.0");
    assertThat(call.ring()).contains("Linkedid: 1800000007.0\r\n", "Interface: Local/a1042@agents/n\r\n",
        "MemberName: Agen 1042\r\n", "CallerIDNum: 081299990000\r\n", "CallerIDName: Uji Coba\r\n");
    // Only the captured ids go: the controller's ActionIDs and QueueMemberStatus LoginTime stay as captured.
    assertThat(all).doesNotContainPattern("1796001\\d{3}\\.\\d+")
        .doesNotContain("agent1@", "agent2@", "Agent One", "Budi Santoso", "081234567001");
    CallTemplates.Call other = templates.get(0).render(8, BenchAgent.number(42), BenchAgent.number(43),
        "081299990000", "Uji Coba");
    assertThat(other.all()).doesNotContain("1800000007.", "-000001c");
  }

  @Test
  @DisplayName("The mix is the capture's: about 170 events per call, most of them VarSet and Newexten")
  void mixOfTheCapture() {
    CallFactory factory = new CallFactory(templates);
    String mix = CallFactory.mix(factory.calls(30, List.of(BenchAgent.number(0), BenchAgent.number(1))));
    assertThat(mix).isEqualTo("168 events per call, 62% VarSet/Newexten");
  }
}
