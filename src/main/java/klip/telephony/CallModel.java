package klip.telephony;

import klip.phone.InterfaceNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The calls in progress, built from the AMI event stream and keyed by Linkedid. Tolerant by design: unknown
 * calls, duplicates and events arriving after a call ended are logged and ignored, never thrown. Not thread
 * safe: the telephony verticle calls it on its own event loop only.
 */
public final class CallModel {

  private static final Logger log = LoggerFactory.getLogger(CallModel.class);

  /** The calls by Linkedid, and what a resync holds back meanwhile. */
  private final LiveCalls calls = new LiveCalls();
  private final AgentInterfaces members;
  private final CallFacts facts;
  private final CallRecordings recordings;
  private final CallTransfers transfers;

  public CallModel(CallFacts facts, Collection<String> rosterInterfaces) {
    this.facts = facts;
    this.members = new AgentInterfaces(rosterInterfaces);
    this.recordings = new CallRecordings(facts);
    this.transfers = new CallTransfers(facts);
  }

  /** Remembers a queue member interface so that direct dials and resync can recognise its channels. */
  public void learnMember(String memberInterface) {
    members.learn(memberInterface);
  }

  boolean isMemberChannel(String channel) {
    return members.isMemberChannel(channel);
  }

  /**
   * Whether {@link #accept} can change anything for this event; the listener drops the others before they reach
   * the event loop. Queue leaves and abandons, and AgentComplete: a call's end is concluded from its hangup, which
   * every one of them precedes (asterisk-java does not even build them, nor bridge events: {@link UnreadAmiEvents}).
   * New state and caller id: only the caller's own channel's count.
   */
  static boolean reads(CallEvent e) {
    return switch (e.type()) {
      case QUEUE_LEAVE, QUEUE_ABANDON, AGENT_COMPLETE -> false;
      case NEW_STATE, NEW_CALLERID -> e.linkedId() != null && e.linkedId().equals(e.uniqueId());
      default -> true;
    };
  }

  public void accept(CallEvent e) {
    if (e.type() == CallEvent.Type.MEMBER_STATUS || e.type() == CallEvent.Type.MEMBER_PAUSE) {
      onMemberState(e);
      return;
    }
    if (e.linkedId() == null || e.linkedId().isBlank()) {
      // AgentComplete without channel fields carries no call: nothing to update here.
      return;
    }
    switch (e.type()) {
      case NEW_CHANNEL -> onNewChannel(e);
      case NEW_CALLERID, NEW_STATE -> known(e, call -> {
        if (e.linkedId().equals(e.uniqueId())) {
          call.learnCaller(e.callerNumber(), e.callerName());
        }
      });
      case QUEUE_JOIN -> createdOrKnown(e, call -> {
        queuedLeg(call, e.uniqueId());
        if (call.queuedChannel == null) {
          call.queuedChannel = e.channel();
        }
        call.queue = e.queue();
        call.queuedAt = e.receivedAtMillis();
        call.callerNumber = e.callerNumber() != null ? e.callerNumber() : call.callerNumber;
        call.callerName = e.callerName() != null ? e.callerName() : call.callerName;
        facts.queued(call, e.receivedAtMillis());
      });
      case AGENT_CALLED -> createdOrKnown(e, call -> {
        transfers.movedOn(call, e, "queue");
        call.learnCaller(e.callerNumber(), e.callerName());
        if (e.channel() != null) {
          call.liveChannels.add(e.channel());
        }
        if (call.queue == null) {
          call.queue = e.queue();
        }
        ring(call, e.memberInterface(), e.memberName(), e.receivedAtMillis());
      });
      case AGENT_RING_NO_ANSWER -> known(e, call -> call.ringingInterface = null);
      case DIAL_BEGIN -> known(e, call -> onDialBegin(call, e));
      case DIAL_END -> known(e, call -> onDialEnd(call, e));
      case AGENT_CONNECT -> createdOrKnown(e, call -> {
        call.learnCaller(e.callerNumber(), e.callerName());
        ring(call, e.memberInterface(), e.memberName(), e.receivedAtMillis());
        answer(call, e.memberInterface(), e.destChannel(), e.receivedAtMillis());
      });
      case HANGUP -> known(e, call -> {
        // A call first heard of mid-way (after a reconnect) may not know all its channels: only the
        // originating channel's hangup, or the last known channel's, ends it.
        boolean tracked = call.liveChannels.remove(e.channel());
        if (e.linkedId().equals(e.uniqueId()) || (tracked && call.liveChannels.isEmpty())) {
          finish(call, e.receivedAtMillis());
        }
      });
      case RECORDING -> known(e, call -> recordings.onRecording(call, e));
      case TRANSFER -> known(e, call -> transfers.onTransfer(call, e));
      case SPY_START -> known(e, call -> {
        if (call.spies.add(e.destChannel())) {
          facts.spy(call, e.destChannel(), e.channel(), true, e.receivedAtMillis());
        }
      });
      case SPY_STOP -> known(e, call -> {
        if (call.spies.remove(e.destChannel())) {
          facts.spy(call, e.destChannel(), e.channel(), false, e.receivedAtMillis());
        }
      });
      default -> {
        // QueueLeave, QueueAbandon, AgentComplete: the call's end is concluded from its hangup,
        // which every one of these precedes.
      }
    }
  }

  /** Member status and pause carry no call; they are the agents' side of the live board. */
  private void onMemberState(CallEvent e) {
    if (e.memberInterface() == null) {
      return;
    }
    learnMember(e.memberInterface());
    facts.memberState(MemberState.of(e));
  }

  /** Member states read from QueueStatus at resync, so the board is whole again after a reconnect. */
  void resyncMembers(List<MemberState> states) {
    states.forEach(s -> {
      learnMember(s.memberInterface());
      facts.memberState(s);
    });
  }

  private void onNewChannel(CallEvent e) {
    LiveCall call = calls.withNewChannel(e);
    if (call == null) {
      return;
    }
    call.liveChannels.add(e.channel());
    if (e.linkedId().equals(e.uniqueId())) {
      call.learnCaller(e.callerNumber(), e.callerName());
    }
  }

  /** The queue join names the caller's leg, whose MixMonitor is the call's recording. */
  void queuedLeg(LiveCall call, String uniqueId) {
    CallRecordings.queuedLeg(call, uniqueId);
  }

  /**
   * A direct dial to an agent's phone: no queue, so DialBegin towards a member interface is the ring. The same for
   * the dialplan's Dial of a transferred call (to a team leader's phone).
   */
  private void onDialBegin(LiveCall call, CallEvent e) {
    if (isMemberChannel(e.destChannel())) {
      transfers.movedOn(call, e, memberOf(e.destChannel()));
    }
    if ((call.queue == null || call.transferring) && isMemberChannel(e.destChannel())) {
      call.learnCaller(e.callerNumber(), e.callerName());
      ring(call, memberOf(e.destChannel()), null, e.receivedAtMillis());
    }
  }

  private void onDialEnd(LiveCall call, CallEvent e) {
    if ((call.queue == null || call.transferring) && "ANSWER".equals(e.detail())
        && isMemberChannel(e.destChannel())) {
      answer(call, memberOf(e.destChannel()), e.destChannel(), e.receivedAtMillis());
    }
  }

  String memberOf(String channel) {
    return members.memberOf(channel);
  }

  void ring(LiveCall call, String memberInterface, String memberName, long at) {
    if (call.ended || memberInterface == null) {
      return;
    }
    String base = InterfaceNames.baseOfInterface(memberInterface);
    if (call.connectedInterface != null
        || (call.ringingInterface != null && InterfaceNames.baseOfInterface(call.ringingInterface).equals(base))) {
      log.debug("Call {} already ringing or connected at {}; repeated ring ignored", call.linkedId, memberInterface);
      return;
    }
    learnMember(memberInterface);
    call.ringingInterface = memberInterface;
    call.rang.add(memberInterface);
    facts.ringing(call, memberInterface, memberName, at);
  }

  void answer(LiveCall call, String memberInterface, String agentChannel, long at) {
    if (call.ended || call.connectedInterface != null) {
      return;
    }
    call.connectedInterface = memberInterface;
    call.agentChannel = agentChannel;
    call.answeredAt = at;
    call.ringingInterface = null;
    call.transferring = false;
    facts.answered(call, memberInterface, agentChannel, at);
  }

  void finish(LiveCall call, long at) {
    if (call.ended) {
      return;
    }
    call.ended = true;
    call.endedAt = at;
    call.ringingInterface = null;
    if (!call.rang.isEmpty()) {
      facts.ended(call, at);
    } else if (call.queue != null) {
      facts.missed(call, at);
    }
  }

  private void known(CallEvent e, Consumer<LiveCall> update) {
    calls.known(e, update);
  }

  private void createdOrKnown(CallEvent e, Consumer<LiveCall> update) {
    calls.createdOrKnown(e, update);
  }

  /**
   * Asterisk is about to be asked what is live: hold what cannot be placed until its answer is applied. Calls
   * first heard of in events read since {@code askedAt} are not ended by a listing that could not show them.
   */
  void beginResync(long askedAt) {
    calls.beginResync(askedAt);
  }

  /** Whether the call was first heard of while the resync ran: a listing taken before it began cannot show it. */
  boolean begunDuringResync(String linkedId) {
    return calls.begunDuringResync(linkedId);
  }

  /**
   * The listing is applied (or could not be read): the events held meanwhile are applied now, in the order they
   * arrived, so a hang-up that came while the listing was in flight ends the call the listing showed live.
   */
  void endResync() {
    calls.endResync(this::accept);
  }

  /** Calls not yet ended, for resync and the live board. */
  public List<LiveCall> liveCalls() {
    return calls.live();
  }

  LiveCall getOrCreate(String linkedId, long now) {
    return calls.getOrCreate(linkedId, now);
  }

  LiveCall find(String linkedId) {
    return calls.find(linkedId);
  }

  /** Forgets calls that ended long enough ago that no late event for them can still arrive. */
  public int purgeEnded(long now) {
    return calls.purgeEnded(now);
  }
}
