package klip.telephony;

import io.vertx.core.Vertx;
import klip.pbx.PbxConfig;
import klip.pbx.SimulatedPbx;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewCallerIdEvent;
import org.asteriskjava.manager.event.NewExtenEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class UnreadAmiEventsTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("asterisk-java builds no event the call model never reads (nor a VarSet of another variable), and still"
      + " every one it reads, in order")
  void unreadTypesAreNotBuilt(@TempDir Path recordings) throws Exception {
    SimulatedPbx pbx = new SimulatedPbx(vertx, PbxConfig.defaults().withCredentials("klip", "s3cret")
        .withRecordingsDir(recordings).fast());
    pbx.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    ManagerConnection connection = UnreadAmiEvents.connection("localhost", pbx.port(), "klip", "s3cret");
    List<ManagerEvent> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> hangup = new CompletableFuture<>();
    connection.addEventListener(event -> {
      seen.add(event);
      if (event instanceof HangupEvent) {
        hangup.complete(null);
      }
    });
    connection.login();
    try {
      pbx.sendRaw(event("VarSet", "Channel: SIP/trunk-00000001\r\nVariable: QUEUEPOSITION\r\nValue: 1\r\n")
          + event("NewCallerid", "Channel: SIP/trunk-00000001\r\nUniqueid: 1.1\r\nLinkedid: 1.1\r\n"
              + "CallerIDNum: 0812\r\n")
          + event("VarSet", "Channel: SIP/trunk-00000001\r\nVariable: MIXMONITOR_FILENAME_OLD\r\nValue: x\r\n")
          + event("Newexten", "Extension: 1500200\r\nApplication: Queue\r\n")
          + event("DeviceStateChange", "Device: Local/a1000@agents\r\nState: INUSE\r\n")
          + event("BridgeCreate", "BridgeUniqueid: b-1\r\nBridgeType: basic\r\n")
          + event("BridgeEnter", "BridgeUniqueid: b-1\r\nChannel: SIP/trunk-00000001\r\n")
          + event("QueueCallerLeave", "Channel: SIP/trunk-00000001\r\nQueue: eapp\r\nLinkedid: 1.1\r\n")
          + event("AgentComplete", "Channel: SIP/trunk-00000001\r\nQueue: eapp\r\nLinkedid: 1.1\r\n")
          + event("QueueCallerAbandon", "Channel: SIP/trunk-00000001\r\nQueue: eapp\r\nLinkedid: 1.1\r\n")
          + event("VarSet", "Channel: SIP/trunk-00000001\r\nVariable: MIXMONITOR_FILENAME\r\nValue: /r/1.wav\r\n")
          + event("VarSet", "Channel: SIP/trunk-00000001\r\nValue: 2\r\nVariable: ANSWEREDTIME\r\n")
          // Without a Variable line nothing says it is unread: asterisk-java gets it whole, as it came.
          + event("VarSet", "Channel: SIP/trunk-00000002\r\n")
          + event("Hangup", "Channel: SIP/trunk-00000001\r\nUniqueid: 1.1\r\nLinkedid: 1.1\r\nCause: 16\r\n"));
      // The hangup is the last event written: once it is in, everything before it was read or skipped.
      hangup.get(10, TimeUnit.SECONDS);
      List<ManagerEvent> calls = seen.stream().filter(e -> e instanceof VarSetEvent || e instanceof HangupEvent
          || e instanceof NewCallerIdEvent
          || e instanceof NewExtenEvent || e.getClass().getSimpleName().startsWith("Bridge")
          || e.getClass().getSimpleName().startsWith("DeviceState") || e.getClass().getSimpleName().startsWith("Queue")
          || e.getClass().getSimpleName().startsWith("Agent")).toList();
      assertThat(calls).extracting(e -> e.getClass().getSimpleName()).containsExactly("NewCallerIdEvent", "VarSetEvent",
          "VarSetEvent", "HangupEvent");
      assertThat(((VarSetEvent) calls.get(2)).getChannel()).isEqualTo("SIP/trunk-00000002");
      assertThat(((NewCallerIdEvent) calls.get(0)).getCallerIdNum()).isEqualTo("0812");
      VarSetEvent recording = (VarSetEvent) calls.get(1);
      assertThat(recording.getVariable()).isEqualTo("MIXMONITOR_FILENAME");
      assertThat(recording.getValue()).isEqualTo("/r/1.wav");
      assertThat(recording.getChannel()).isEqualTo("SIP/trunk-00000001");
    } finally {
      connection.logoff();
      pbx.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("the unread types are skipped by the names AMI gives them")
  void wireNames() {
    assertThat(UnreadAmiEvents.WIRE_NAMES).containsExactlyInAnyOrder("newexten", "devicestatechange",
        "newconnectedline", "softhanguprequest", "hanguprequest", "cdr", "localbridge", "musiconholdstart",
        "musiconholdstop", "dialstate", "bridgecreate", "bridgeenter", "bridgeleave", "bridgedestroy",
        "queuecallerleave", "queuecallerabandon", "agentcomplete");
  }

  private static String event(String type, String fields) {
    return "Event: " + type + "\r\nPrivilege: call,all\r\n" + fields + "\r\n";
  }
}
