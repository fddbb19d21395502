package klip.pbx;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Originate as the team-leader "listen" feature uses it: a new channel that, when its application
 * is ChanSpy, spies on the matching agent channel (ChanSpyStart) until one side hangs up (ChanSpyStop).
 * Any other Originate just brings up a channel that lives until a Hangup action. A channel of a technology
 * the PBX does not have fails as on Asterisk: OriginateResponse Failure, Reason 0.
 */
final class OriginateHandler {
  /** The channel technologies this PBX has: Local channels and PJSIP phones (no chan_sip, as Asterisk 21+). */
  private static final Pattern HAS_TECHNOLOGY = Pattern.compile("(Local|PJSIP)/[^/]+");

  private final Vertx vertx;
  private final PbxState state;
  private final ChannelEvents ev;
  private final List<Spy> spies = new ArrayList<>();

  /** ChanSpy's mode as app_chanspy keeps it: set by the options, switched by keypad digits when started with d. */
  private static final class Spy {
    final PbxChannel spyer;
    final PbxChannel spyee;
    final boolean dtmfSwitchesMode;
    String mode;

    Spy(PbxChannel spyer, PbxChannel spyee, String options) {
      this.spyer = spyer;
      this.spyee = spyee;
      this.dtmfSwitchesMode = options.contains("d");
      this.mode = options.contains("B") ? "barge" : options.contains("w") ? "whisper" : "listen";
    }
  }

  OriginateHandler(Vertx vertx, PbxState state, ChannelEvents ev) {
    this.vertx = vertx;
    this.state = state;
    this.ev = ev;
  }

  /** Brings the originated channel up; the OriginateResponse goes out a moment later like Asterisk's. */
  void originate(Map<String, String> action) {
    String tech = action.getOrDefault("Channel", "Local/unknown@default");
    String app = action.getOrDefault("Application", "");
    String data = action.getOrDefault("Data", "");
    String context = action.getOrDefault("Context", "default");
    String exten = action.getOrDefault("Exten", "s");
    String num = action.getOrDefault("CallerID", "");
    String actionId = action.getOrDefault("ActionID", "");
    boolean async = "true".equalsIgnoreCase(action.getOrDefault("Async", ""));
    if (!HAS_TECHNOLOGY.matcher(tech).lookingAt()) {
      // As Asterisk: the action is queued, then the channel cannot be created (Reason 0, no Uniqueid).
      if (async) {
        vertx.setTimer(5, id -> ev.emit(AmiMessage.event("OriginateResponse", "call,all").add("ActionID", actionId)
            .add("Response", "Failure").add("Channel", tech).add("Context", context).add("Exten", exten)
            .add("Reason", 0).add("Uniqueid", "<unknown>").add("CallerIDNum", "<unknown>")
            .add("CallerIDName", "<unknown>")));
      }
      return;
    }
    String base = tech + "-" + state.nextSequence();
    PbxChannel ch = state.create(tech.startsWith("Local/") ? base + ";1" : base, null, 0, context, exten);
    ch.callerId(num.isEmpty() ? PbxChannel.UNKNOWN : num, PbxChannel.UNKNOWN);
    ev.newchannel(ch);
    ev.newState(ch, 6);
    if (!app.isEmpty()) {
      ev.exten(ch, 1, app, data);
    }
    if (async) {
      vertx.setTimer(5, id -> ev.emit(AmiMessage.event("OriginateResponse", "call,all").add("ActionID", actionId)
          .add("Response", "Success").add("Channel", ch.name).add("Context", context).add("Exten", exten)
          .add("Reason", 4).add("Uniqueid", ch.uniqueid).add("CallerIDNum", ch.callerIdNum)
          .add("CallerIDName", ch.callerIdName)));
    }
    if ("ChanSpy".equalsIgnoreCase(app)) {
      String[] args = data.split(",", 2);
      startSpy(ch, args[0], args.length > 1 ? args[1] : "");
    }
  }

  private void startSpy(PbxChannel spyer, String prefix, String options) {
    PbxChannel spyee = state.liveChannels().stream()
        .filter(c -> c.name.startsWith(prefix) && c != spyer && !c.bridgeId.isEmpty())
        .findFirst().orElse(null);
    if (spyee == null) {
      return;
    }
    spies.add(new Spy(spyer, spyee, options));
    ev.emit(spyEvent("ChanSpyStart", spyer, spyee));
  }

  private static AmiMessage spyEvent(String name, PbxChannel spyer, PbxChannel spyee) {
    AmiMessage m = AmiMessage.event(name, "call,all");
    spyer.appendHeader(m, "Spyer");
    return spyee.appendHeader(m, "Spyee");
  }

  /**
   * PlayDTMF as Asterisk 22 answers it. With Receive the digit is queued as if the channel's phone had sent it, so
   * the application on the channel reads it: ChanSpy started with {@code d} switches to spy (4), whisper (5) or
   * barge (6). Without Receive the digit goes out to the phone and ChanSpy never sees it.
   */
  AmiMessage playDtmf(Map<String, String> action, String actionId) {
    PbxChannel ch = state.channels.get(action.getOrDefault("Channel", ""));
    String digit = action.getOrDefault("Digit", "");
    if (ch == null) {
      return ActionDispatcher.error(actionId, "Channel '" + action.getOrDefault("Channel", "") + "' not found");
    }
    if (digit.isEmpty()) {
      return ActionDispatcher.error(actionId, "No digit specified");
    }
    boolean receive = "true".equalsIgnoreCase(action.getOrDefault("Receive", ""))
        || "yes".equalsIgnoreCase(action.getOrDefault("Receive", ""));
    String direction = receive ? "Received" : "Sent";
    ev.emit("DTMFBegin", ch, "Digit", digit.substring(0, 1), "Direction", direction);
    ev.emit("DTMFEnd", ch, "Digit", digit.substring(0, 1), "DurationMs",
        action.getOrDefault("Duration", "250"), "Direction", direction);
    if (receive) {
      spies.stream().filter(s -> s.spyer == ch && s.dtmfSwitchesMode).forEach(s -> s.mode = switch (digit.charAt(0)) {
        case '4' -> "listen";
        case '5' -> "whisper";
        case '6' -> "barge";
        default -> s.mode;
      });
    }
    return ActionDispatcher.ok(actionId).add("Message", "DTMF successfully queued");
  }

  /** The mode of the ChanSpy running on this channel, if one runs. */
  Optional<String> spyMode(String spyerChannel) {
    return spies.stream().filter(s -> s.spyer.name.equals(spyerChannel)).map(s -> s.mode).findFirst();
  }

  /** Hangup action on a plain originated channel; false when it is not ours. */
  boolean hangup(String channelName) {
    PbxChannel ch = state.channels.get(channelName);
    if (ch == null) {
      return false;
    }
    stopSpiesOf(ch);
    ev.hangupRequest("SoftHangupRequest", ch, 16);
    ev.hangup(ch, 16);
    state.remove(ch);
    return true;
  }

  /** Called after any channel went away: a spy whose spyee vanished stops and hangs up (ChanSpy E option). */
  void channelsChanged() {
    for (Spy s : new ArrayList<>(spies)) {
      if (!state.alive(s.spyee) && state.alive(s.spyer)) {
        hangup(s.spyer.name);
      }
    }
  }

  private void stopSpiesOf(PbxChannel ch) {
    for (Spy s : new ArrayList<>(spies)) {
      if (s.spyer == ch || s.spyee == ch) {
        spies.remove(s);
        ev.emit(spyEvent("ChanSpyStop", s.spyer, s.spyee));
      }
    }
  }
}
