package klip.telephony;

import klip.telephony.CallEvent.Type;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.BlindTransferEvent;
import org.asteriskjava.manager.event.ChanSpyStartEvent;
import org.asteriskjava.manager.event.ChanSpyStopEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.MixMonitorStartEvent;
import org.asteriskjava.manager.event.NewCallerIdEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.asteriskjava.manager.event.VarSetEvent;

/**
 * Turns asterisk-java's mutable event beans into {@link CallEvent} records. Runs on asterisk-java's reader
 * thread, so it only copies fields: no lookups, no logging per event, no allocation beyond the record.
 * Returns {@code null} for events the call model does not read (half of the stream is VarSet); asterisk-java
 * does not even build the types in {@link UnreadAmiEvents} (queue leaves and abandons, AgentComplete among them).
 */
final class AmiEventTranslator {

  private AmiEventTranslator() {
  }

  /** The dialplan's {@code MixMonitor(<dir>/${UNIQUEID}.wav,b)} sets this on the recorded channel. */
  static final String MIXMONITOR_FILENAME = "MIXMONITOR_FILENAME";

  static CallEvent translate(ManagerEvent e, long now) {
    if (e instanceof VarSetEvent ev) {
      // VarSet is the bulk of the stream: compare the name before building anything.
      return MIXMONITOR_FILENAME.equals(ev.getVariable())
          ? CallEvent.of(Type.RECORDING, now).linkedId(ev.getLinkedId()).uniqueId(ev.getUniqueId())
              .channel(ev.getChannel()).detail(ev.getValue()).build()
          : null;
    }
    if (e instanceof MixMonitorStartEvent ev) {
      return CallEvent.of(Type.RECORDING, now).linkedId(ev.getLinkedId()).uniqueId(ev.getUniqueId())
          .channel(ev.getChannel()).build();
    }
    if (e instanceof AgentCalledEvent ev) {
      return CallEvent.of(Type.AGENT_CALLED, now).linkedId(ev.getLinkedId()).uniqueId(ev.getUniqueId())
          .channel(ev.getChannel()).caller(ev.getCallerIdNum(), ev.getCallerIdName()).queue(ev.getQueue())
          .member(ev.getInterface(), ev.getMemberName()).destChannel(ev.getDestChannel()).build();
    }
    if (e instanceof AgentConnectEvent ev) {
      return CallEvent.of(Type.AGENT_CONNECT, now).linkedId(ev.getLinkedId()).uniqueId(ev.getUniqueId())
          .channel(ev.getChannel()).caller(ev.getCallerIdNum(), ev.getCallerIdName()).queue(ev.getQueue())
          .member(ev.getInterface(), ev.getMemberName()).destChannel(ev.getDestChannel()).build();
    }
    if (e instanceof AgentRingNoAnswerEvent ev) {
      return CallEvent.of(Type.AGENT_RING_NO_ANSWER, now).linkedId(ev.getLinkedId()).uniqueId(ev.getUniqueId())
          .channel(ev.getChannel()).queue(ev.getQueue()).member(ev.getInterface(), ev.getMemberName()).build();
    }
    if (e instanceof QueueCallerJoinEvent ev) {
      return CallEvent.of(Type.QUEUE_JOIN, now).linkedId(ev.getLinkedId()).uniqueId(ev.getUniqueId())
          .channel(ev.getChannel()).caller(ev.getCallerIdNum(), ev.getCallerIdName()).queue(ev.getQueue()).build();
    }
    if (e instanceof DialBeginEvent ev) {
      return CallEvent.of(Type.DIAL_BEGIN, now).linkedId(ev.getLinkedId()).uniqueId(ev.getUniqueId())
          .channel(ev.getChannel()).caller(ev.getCallerIdNum(), ev.getCallerIdName())
          .destChannel(ev.getDestChannel()).build();
    }
    if (e instanceof DialEndEvent ev) {
      return CallEvent.of(Type.DIAL_END, now).linkedId(ev.getLinkedId()).uniqueId(ev.getUniqueId())
          .channel(ev.getChannel()).destChannel(ev.getDestChannel()).detail(ev.getDialStatus()).build();
    }
    return translateChannelEvent(e, now);
  }

  private static CallEvent translateChannelEvent(ManagerEvent e, long now) {
    if (e instanceof NewChannelEvent ev) {
      return CallEvent.of(Type.NEW_CHANNEL, now).linkedId(ev.getLinkedid()).uniqueId(ev.getUniqueId())
          .channel(ev.getChannel()).channelState(ev.getChannelStateDesc())
          .caller(ev.getCallerIdNum(), ev.getCallerIdName()).build();
    }
    if (e instanceof NewStateEvent ev) {
      return CallEvent.of(Type.NEW_STATE, now).linkedId(ev.getLinkedId()).uniqueId(ev.getUniqueId())
          .channel(ev.getChannel()).channelState(ev.getChannelStateDesc())
          .caller(ev.getCallerIdNum(), ev.getCallerIdName()).build();
    }
    if (e instanceof NewCallerIdEvent ev) {
      return CallEvent.of(Type.NEW_CALLERID, now).linkedId(ev.getLinkedId()).uniqueId(ev.getUniqueId())
          .channel(ev.getChannel()).caller(ev.getCallerIdNum(), ev.getCallerIdName()).build();
    }
    if (e instanceof HangupEvent ev) {
      return CallEvent.of(Type.HANGUP, now).linkedId(ev.getLinkedId()).uniqueId(ev.getUniqueId())
          .channel(ev.getChannel()).caller(ev.getCallerIdNum(), ev.getCallerIdName())
          .detail(String.valueOf(ev.getCause())).build();
    }
    if (e instanceof QueueMemberStatusEvent ev) {
      return CallEvent.of(Type.MEMBER_STATUS, now).queue(ev.getQueue()).member(ev.getInterface(), ev.getMemberName())
          .channelState(ev.getStatus() == null ? null : String.valueOf(ev.getStatus()))
          .detail(pause(ev.getPaused(), ev.getPausedreason())).build();
    }
    if (e instanceof QueueMemberPauseEvent ev) {
      return CallEvent.of(Type.MEMBER_PAUSE, now).queue(ev.getQueue()).member(ev.getInterface(), ev.getMemberName())
          .channelState(ev.getStatus() == null ? null : String.valueOf(ev.getStatus()))
          .detail(pause(ev.getPaused(), ev.getPausedreason())).build();
    }
    if (e instanceof BlindTransferEvent ev) {
      // A failed transfer changes nothing: the agent is still talking with the caller.
      return "Success".equalsIgnoreCase(ev.getResult())
          ? CallEvent.of(Type.TRANSFER, now).linkedId(ev.getTransfererLinkedId())
              .uniqueId(ev.getTransfererUniqueId()).channel(ev.getTransfererChannel())
              .destChannel(ev.getTransfereeChannel()).detail(ev.getExtension()).build()
          : null;
    }
    if (e instanceof ChanSpyStartEvent ev) {
      return CallEvent.of(Type.SPY_START, now).linkedId(ev.getSpyeeLinkedId()).uniqueId(ev.getSpyeeUniqueId())
          .channel(ev.getSpyeeChannel()).destChannel(ev.getSpyerChannel()).build();
    }
    if (e instanceof ChanSpyStopEvent ev) {
      return CallEvent.of(Type.SPY_STOP, now).linkedId(ev.getSpyeeLinkedId()).uniqueId(ev.getSpyeeUniqueId())
          .channel(ev.getSpyeeChannel()).destChannel(ev.getSpyerChannel()).build();
    }
    return null;
  }

  /** "paused:&lt;reason&gt;", "unpaused", or null when the event does not say. */
  private static String pause(Boolean paused, String reason) {
    if (paused == null) {
      return null;
    }
    return paused ? "paused:" + (reason == null ? "" : reason) : "unpaused";
  }
}
