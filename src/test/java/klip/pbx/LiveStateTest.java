package klip.pbx;

import static klip.pbx.PbxTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.ChanSpyStartEvent;
import org.asteriskjava.manager.event.ChanSpyStopEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.junit.jupiter.api.Test;

/** What a reconnecting server reads to resynchronise must reflect calls as they are right now. */
class LiveStateTest extends AsteriskJavaTestBase {

  private static QueueStatusAction queueStatus() {
    QueueStatusAction a = new QueueStatusAction();
    a.setQueue("eapp");
    return a;
  }

  private <T extends ResponseEvent> List<T> items(ResponseEvents r, Class<T> type) {
    return r.getEvents().stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void ringingCallShowsInCoreShowChannelsAndQueueStatus() throws Exception {
    RingHandle ring = await(pbx.ring("081233344455", "Nur Aini", "eapp", "Local/agent2@agents/n", "Agent Two"));

    ResponseEvents channels = connection.sendEventGeneratingAction(new CoreShowChannelsAction());
    List<CoreShowChannelEvent> list = items(channels, CoreShowChannelEvent.class);
    assertThat(list).hasSize(4).allMatch(c -> ring.linkedid().equals(c.getLinkedid()));
    CoreShowChannelEvent agent = list.stream().filter(c -> c.getChannel().equals(ring.agentChannel()))
        .findFirst().orElseThrow();
    assertThat(agent.getChannelStateDesc()).isEqualTo("Ringing");
    assertThat(agent.getApplication()).isEqualTo("AppQueue");

    ResponseEvents status = connection.sendEventGeneratingAction(queueStatus());
    QueueEntryEvent entry = items(status, QueueEntryEvent.class).get(0);
    assertThat(entry.getCallerIdNum()).isEqualTo("081233344455");
    assertThat(entry.getChannel()).startsWith("Local/1500200@from-pstn-").endsWith(";2");
    assertThat(items(status, QueueMemberEvent.class)).extracting(QueueMemberEvent::getLocation)
        .containsExactly("Local/agent1@agents/n", "Local/agent2@agents/n");

    await(ring.answer());
    ResponseEvents afterAnswer = connection.sendEventGeneratingAction(queueStatus());
    assertThat(items(afterAnswer, QueueEntryEvent.class)).isEmpty();

    await(ring.hangup());
    assertThat(await(pbx.liveChannels())).isEmpty();
  }

  @Test
  void originateIsRecordedAndChanSpyShowsStartAndStop() throws Exception {
    RingHandle ring = await(pbx.ring("081234567001", "Budi Santoso", "eapp", "Local/agent1@agents/n", "Agent One"));
    await(ring.answer());
    CompletableFuture<ChanSpyStartEvent> started = new CompletableFuture<>();
    CompletableFuture<ChanSpyStopEvent> stopped = new CompletableFuture<>();
    connection.addEventListener(e -> {
      if (e instanceof ChanSpyStartEvent s) {
        started.complete(s);
      } else if (e instanceof ChanSpyStopEvent s) {
        stopped.complete(s);
      }
    });
    var next = pbx.nextAction("Originate");
    OriginateAction originate = new OriginateAction();
    originate.setChannel("PJSIP/tl1");
    originate.setApplication("ChanSpy");
    originate.setData("Local/agent1@agents,qE");
    originate.setCallerId("9000");
    originate.setAsync(true);
    assertThat(connection.sendAction(originate).getMessage()).isEqualTo("Originate successfully queued");

    Map<String, String> recorded = await(next);
    assertThat(recorded).containsEntry("Action", "Originate").containsEntry("Channel", "PJSIP/tl1")
        .containsEntry("Application", "ChanSpy").containsEntry("Data", "Local/agent1@agents,qE");
    assertThat(pbx.receivedActions()).contains(recorded);
    assertThat(started.get(5, TimeUnit.SECONDS).getSpyeeChannel()).isEqualTo(ring.agentChannel());

    await(ring.hangup());
    assertThat(stopped.get(5, TimeUnit.SECONDS).getSpyerChannel()).startsWith("PJSIP/tl1-");
  }
}
