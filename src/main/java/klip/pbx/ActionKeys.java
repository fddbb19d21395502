package klip.pbx;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Clients may send keys in any case (asterisk-java sends "action", "actionid"); Asterisk ignores case.
 * We store them in Asterisk's documented spelling so recorded actions read the same whoever sent them.
 */
final class ActionKeys {
  private static final Map<String, String> CANONICAL = new HashMap<>();

  static {
    for (String k : new String[] {"Action", "ActionID", "AuthType", "Username", "Secret", "Key", "Events",
        "EventMask", "Channel", "Exten", "Context", "Priority", "Application", "Data", "Timeout", "CallerID",
        "Variable", "Value", "Account", "Async", "Codecs", "Queue", "Interface", "Paused", "Reason", "Command",
        "File", "Options", "MemberName", "Penalty", "Cause", "ChannelId", "OtherChannelId", "Filter"}) {
      CANONICAL.put(k.toLowerCase(Locale.ROOT), k);
    }
  }

  private ActionKeys() {
  }

  static String canonical(String key) {
    String known = CANONICAL.get(key.toLowerCase(Locale.ROOT));
    if (known != null) {
      return known;
    }
    return key.isEmpty() ? key : Character.toUpperCase(key.charAt(0)) + key.substring(1);
  }
}
