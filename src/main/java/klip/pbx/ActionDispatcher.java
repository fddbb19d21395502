package klip.pbx;

import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Answers client actions the way Asterisk 22 does; runs on the PBX context. */
final class ActionDispatcher {
  static final String VERSION = "22.10.1";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final PbxConfig config;
  private final PbxState state;
  private final StatusReports reports;
  private final CallPlayer player;
  private final OriginateHandler originates;
  private final ChannelEvents events;
  private final BooleanSupplier rejectLogins;

  ActionDispatcher(Vertx vertx, PbxConfig config, PbxState state, CallPlayer player, OriginateHandler originates,
      ChannelEvents events, BooleanSupplier rejectLogins) {
    this.vertx = vertx;
    this.config = config;
    this.state = state;
    this.reports = new StatusReports(state);
    this.player = player;
    this.originates = originates;
    this.events = events;
    this.rejectLogins = rejectLogins;
  }

  void handle(SimulatedAmiSession s, AmiMessage action) {
    String name = String.valueOf(action.get("Action")).toLowerCase(Locale.ROOT);
    String id = action.get("ActionID");
    Map<String, String> a = action.asMap();
    switch (name) {
      case "challenge":
        s.challenge = String.valueOf(100_000_000 + RANDOM.nextInt(900_000_000));
        s.send(ok(id).add("Challenge", s.challenge));
        return;
      case "login":
        login(s, action, id);
        return;
      case "logoff":
        s.send(AmiMessage.response("Goodbye", id).add("Message", "Thanks for all the fish."));
        s.closeGracefully();
        return;
      case "ping":
        long now = System.currentTimeMillis();
        s.send(ok(id).add("Ping", "Pong").add("Timestamp", String.format("%d.%06d", now / 1000, (now % 1000) * 1000)));
        return;
      default:
        break;
    }
    if (!s.authenticated) {
      s.send(AmiMessage.response("Error", id).add("Message", "Authentication Required"));
      return;
    }
    switch (name) {
      case "events":
        s.eventsOn = !"off".equalsIgnoreCase(action.get("EventMask"));
        s.send(ok(id).add("Events", s.eventsOn ? "On" : "Off"));
        break;
      case "coresettings":
        s.send(ok(id).add("AMIversion", "11.0.0").add("AsteriskVersion", VERSION).add("SystemName", "")
            .add("CoreMaxCalls", 0).add("CoreMaxLoadAvg", "0.000000").add("CoreRunUser", "asterisk")
            .add("CoreRunGroup", "asterisk").add("CoreMaxFilehandles", 0).add("CoreRealTimeEnabled", "No")
            .add("CoreCDRenabled", "Yes").add("CoreHTTPenabled", "No").add("SoundsSearchCustomDir", "No"));
        break;
      case "command":
        s.send(ok(id).add("Message", "Command output follows").add("Output", commandOutput(a.get("Command"))));
        break;
      case "coreshowchannels":
        s.send(reports.coreShowChannels(id));
        break;
      case "queuestatus":
        s.send(reports.queueStatus(id, a.get("Queue")));
        break;
      case "queuesummary":
        s.send(reports.queueSummary(id, a.get("Queue")));
        break;
      case "queuepause":
        queuePause(s, a, id);
        break;
      case "originate":
        s.send(ok(id).add("Message", "Originate successfully queued"));
        originates.originate(a);
        break;
      case "hangup":
        String ch = a.getOrDefault("Channel", "");
        boolean found = player.hangup(ch) || originates.hangup(ch);
        s.send(found ? ok(id).add("Message", "Channel Hungup") : error(id, "No such channel"));
        break;
      case "redirect":
        // Header names are case-insensitive in AMI; asterisk-java writes "Extrachannel".
        boolean held = player.hold(field(a, "Channel"), field(a, "ExtraChannel"), field(a, "Context"));
        s.send(held ? ok(id).add("Message", "Dual Redirect successful")
            : error(id, "Channel does not exist: " + a.getOrDefault("Channel", "")));
        break;
      case "bridge":
        boolean bridged = player.unhold(field(a, "Channel1"), field(a, "Channel2"));
        s.send(bridged ? ok(id).add("Message", "Channels have been bridged")
            : error(id, "Channel1 does not exist: " + a.getOrDefault("Channel1", "")));
        break;
      case "playdtmf":
        s.send(originates.playDtmf(a, id));
        break;
      case "mixmonitor":
      case "stopmixmonitor":
        mixMonitor(s, a, id, name.equals("mixmonitor"));
        break;
      case "setvar":
        setVar(s, a, id);
        break;
      case "blindtransfer":
        boolean moved = player.blindTransfer(field(a, "Channel"), field(a, "Context"), field(a, "Exten"));
        s.send(moved ? ok(id).add("Message", "Transfer succeeded")
            : error(id, "Channel specified does not exist"));
        break;
      default:
        s.send(error(id, "Invalid/unknown command"));
    }
  }

  private static String field(Map<String, String> action, String name) {
    return action.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
        .findFirst().orElse("");
  }

  private void login(SimulatedAmiSession s, AmiMessage action, String id) {
    boolean userOk = config.username().equals(action.get("Username"));
    String key = action.get("Key");
    String secret = action.get("Secret");
    boolean secretOk = key != null && s.challenge != null
        ? key.equalsIgnoreCase(md5Hex(s.challenge + config.secret()))
        : config.secret().equals(secret);
    if (!userOk || !secretOk || rejectLogins.getAsBoolean()) {
      s.send(error(id, "Authentication failed"));
      // Asterisk drops the session after a failed login.
      vertx.setTimer(50, t -> s.closeGracefully());
      return;
    }
    s.authenticated = true;
    s.eventsOn = !"off".equalsIgnoreCase(action.get("Events"));
    s.send(ok(id).add("Message", "Authentication accepted"));
    if (s.eventsOn) {
      s.send(AmiMessage.event("FullyBooted", "system,all").add("Uptime", 3).add("LastReload", 3)
          .add("Status", "Fully Booted"));
    }
  }

  private void queuePause(SimulatedAmiSession s, Map<String, String> a, String id) {
    String iface = a.getOrDefault("Interface", "");
    boolean pause = "true".equalsIgnoreCase(a.get("Paused")) || "1".equals(a.get("Paused"));
    String queueName = a.get("Queue");
    boolean found = false;
    for (PbxQueue q : state.queues.values()) {
      if (queueName != null && !queueName.isEmpty() && !queueName.equals(q.name)) {
        continue;
      }
      for (QueueMemberState m : q.members) {
        if (m.iface.equalsIgnoreCase(iface)) {
          found = true;
          m.paused = pause;
          m.pausedReason = pause ? a.getOrDefault("Reason", "") : "";
          if (pause) {
            m.lastPause = System.currentTimeMillis() / 1000;
          }
          events.emit(m.statusEvent("QueueMemberPause"));
        }
      }
    }
    s.send(found ? ok(id).add("Message", pause ? "Interface paused successfully" : "Interface unpaused successfully")
        : error(id, "Interface not found"));
  }

  /** A global variable is only acknowledged; a channel's is kept on the channel (the transfer context reads one). */
  private void setVar(SimulatedAmiSession s, Map<String, String> a, String id) {
    String channel = field(a, "Channel");
    if (!channel.isEmpty()) {
      PbxChannel ch = state.channels.get(channel);
      if (ch == null) {
        s.send(error(id, "No such channel"));
        return;
      }
      ch.variables.put(field(a, "Variable"), field(a, "Value"));
    }
    s.send(ok(id).add("Message", "Variable Set"));
  }

  private void mixMonitor(SimulatedAmiSession s, Map<String, String> a, String id, boolean start) {
    PbxChannel ch = state.channels.get(a.getOrDefault("Channel", ""));
    if (ch == null) {
      s.send(error(id, "No such channel"));
      return;
    }
    s.send(ok(id));
    events.emit(start ? "MixMonitorStart" : "MixMonitorStop", ch);
  }

  private static String commandOutput(String command) {
    String c = command == null ? "" : command.trim().toLowerCase(Locale.ROOT);
    if (c.equals("core show version")) {
      return "Asterisk " + VERSION + " built by root @ pbx on a x86_64 running Linux on 2026-11-01 00:00:00 UTC";
    }
    return "No such command '" + c + "' (type 'core show help " + c + "' for other possible commands)";
  }

  static AmiMessage ok(String id) {
    return AmiMessage.response("Success", id);
  }

  static AmiMessage error(String id, String message) {
    return AmiMessage.response("Error", id).add("Message", message);
  }

  static String md5Hex(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
