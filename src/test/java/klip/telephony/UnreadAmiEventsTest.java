package klip.telephony;

import io.vertx.core.Vertx;
import klip.pbx.PbxConfig;
import klip.pbx.SimulatedPbx;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
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
  @DisplayName("asterisk-java builds no event the call model never reads, and still every one it reads, in order")
  void unreadTypesAreNotBuilt(@TempDir Path recordings) throws Exception {
    SimulatedPbx pbx = new SimulatedPbx(vertx, PbxConfig.defaults().withCredentials("klip", "s3cret")
        .withRecordingsDir(recordings).fast());
    pbx.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    ManagerConnection connection = new ManagerConnectionFactory("localhost", pbx.port(), "klip", "s3cret")
        .createManagerConnection();
    UnreadAmiEvents.skipOn(connection);
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
      pbx.sendRaw(event("Newexten", "Extension: 1500200\r\nApplication: Queue\r\n")
          + event("DeviceStateChange", "Device: Local/a1000@agents\r\nState: INUSE\r\n")
          + event("BridgeCreate", "BridgeUniqueid: b-1\r\nBridgeType: basic\r\n")
          + event("BridgeEnter", "BridgeUniqueid: b-1\r\nChannel: SIP/trunk-00000001\r\n")
          + event("QueueCallerLeave", "Channel: SIP/trunk-00000001\r\nQueue: eapp\r\nLinkedid: 1.1\r\n")
          + event("AgentComplete", "Channel: SIP/trunk-00000001\r\nQueue: eapp\r\nLinkedid: 1.1\r\n")
          + event("QueueCallerAbandon", "Channel: SIP/trunk-00000001\r\nQueue: eapp\r\nLinkedid: 1.1\r\n")
          + event("VarSet", "Channel: SIP/trunk-00000001\r\nVariable: MIXMONITOR_FILENAME\r\nValue: /r/1.wav\r\n")
          + event("Hangup", "Channel: SIP/trunk-00000001\r\nUniqueid: 1.1\r\nLinkedid: 1.1\r\nCause: 16\r\n"));
      // The hangup is the last event written: once it is in, everything before it was read or skipped.
      hangup.get(10, TimeUnit.SECONDS);
      List<ManagerEvent> calls = seen.stream().filter(e -> e instanceof VarSetEvent || e instanceof HangupEvent
          || e instanceof NewExtenEvent || e.getClass().getSimpleName().startsWith("Bridge")
          || e.getClass().getSimpleName().startsWith("DeviceState") || e.getClass().getSimpleName().startsWith("Queue")
          || e.getClass().getSimpleName().startsWith("Agent")).toList();
      assertThat(calls).extracting(e -> e.getClass().getSimpleName()).containsExactly("VarSetEvent", "HangupEvent");
      assertThat(((VarSetEvent) calls.get(0)).getValue()).isEqualTo("/r/1.wav");
    } finally {
      connection.logoff();
      pbx.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static String event(String type, String fields) {
    return "Event: " + type + "\r\nPrivilege: call,all\r\n" + fields + "\r\n";
  }
}
