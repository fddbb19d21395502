package klip.telephony;

import klip.phone.InterfaceNames;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queue members' interfaces by their base name, so any channel of an agent (a Local channel's ;1 or ;2 leg, a
 * direct dial to the phone) leads back to the interface the queue and the roster know.
 */
final class AgentInterfaces {

  private final Map<String, String> byBase = new ConcurrentHashMap<>();

  AgentInterfaces(Collection<String> rosterInterfaces) {
    rosterInterfaces.forEach(this::learn);
  }

  /** Remembers a queue member interface so that direct dials and resync can recognise its channels. */
  void learn(String memberInterface) {
    if (memberInterface != null) {
      byBase.putIfAbsent(InterfaceNames.baseOfInterface(memberInterface), memberInterface);
    }
  }

  boolean isMemberChannel(String channel) {
    return channel != null && byBase.containsKey(InterfaceNames.baseOfChannel(channel));
  }

  /** The member interface of an agent's channel; the channel's base name when no member has it. */
  String memberOf(String channel) {
    String base = InterfaceNames.baseOfChannel(channel);
    return byBase.getOrDefault(base, base);
  }
}
