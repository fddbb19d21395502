package klip.pbx;

import static klip.pbx.PbxTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;

/** A played answered call must look, to asterisk-java, like the first call of capture session 1. */
class CallPlaybackTest extends AsteriskJavaTestBase {
  static final Set<String> KEY_EVENTS = Set.of("newchannel", "queuecallerjoin", "agentcalled", "dialbegin",
      "dialend", "agentconnect", "bridgecreate", "bridgeenter", "agentcomplete", "bridgeleave", "bridgedestroy",
      "queuecallerleave", "mixmonitorstart", "hangup");

  private final List<ManagerEvent> events = new CopyOnWriteArrayList<>();

  static String typeOf(ManagerEvent e) {
    return e.getClass().getSimpleName().replaceFirst("Event$", "").toLowerCase(Locale.ROOT);
  }

  @Test
  void answeredCallMatchesTheCapturedEventOrder() throws Exception {
    CompletableFuture<Void> lastHangup = new CompletableFuture<>();
    connection.addEventListener(e -> {
      events.add(e);
      if (e instanceof HangupEvent h && h.getChannel().startsWith("Local/1500200@from-pstn") && h.getChannel().endsWith(";2")) {
        lastHangup.complete(null);
      }
    });
    String linkedid = await(pbx.play(CallScenario.answered("081234567001", "Budi Santoso", "Local/agent1@agents/n",
        "Agent One")));
    lastHangup.get(10, TimeUnit.SECONDS);

    List<Map<String, String>> capture = PbxTestSupport.parseCapture(PbxTestSupport.resource("ami-session-1.txt"));
    Set<String> bridges = capture.stream().filter(m -> "1796001090.0".equals(m.get("Linkedid")))
        .map(m -> m.get("BridgeUniqueid")).filter(b -> b != null).collect(Collectors.toSet());
    List<String> expected = capture.stream()
        .filter(m -> "1796001090.0".equals(m.get("Linkedid")) || "1796001090.0".equals(m.get("DestLinkedid"))
            || bridges.contains(m.get("BridgeUniqueid")))
        .map(m -> m.get("Event").toLowerCase(Locale.ROOT)).filter(KEY_EVENTS::contains).collect(Collectors.toList());
    List<String> actual = events.stream().map(CallPlaybackTest::typeOf).filter(KEY_EVENTS::contains)
        .collect(Collectors.toList());
    assertThat(actual).isEqualTo(expected);

    AgentCalledEvent called = events.stream().filter(AgentCalledEvent.class::isInstance)
        .map(AgentCalledEvent.class::cast).findFirst().orElseThrow();
    assertThat(called.getInterface()).isEqualTo("Local/agent1@agents/n");
    assertThat(called.getMemberName()).isEqualTo("Agent One");
    assertThat(called.getCallerIdNum()).isEqualTo("081234567001");
    assertThat(called.getLinkedId()).isEqualTo(linkedid);
    assertThat(called.getDestChannel()).startsWith("Local/agent1@agents-").endsWith(";1");

    long noise = events.stream().map(CallPlaybackTest::typeOf).filter(t -> t.equals("varset") || t.equals("newexten"))
        .count();
    long total = events.stream().filter(e -> !Set.of("connect", "fullybooted", "bridge").contains(typeOf(e))).count();
    assertThat(total).isBetween(160L, 200L);
    assertThat((double) noise / total).isBetween(0.55, 0.75);
  }
}
