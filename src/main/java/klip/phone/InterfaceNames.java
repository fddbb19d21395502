package klip.phone;

/**
 * Matches channel names to the queue member interfaces they belong to. Asterisk names a channel after its
 * interface plus a sequence: {@code PJSIP/1001-0000000a} for {@code PJSIP/1001}, and
 * {@code Local/agent1@agents-00000001;1} for the member {@code Local/agent1@agents/n}. Both sides are reduced
 * to the same base so the model can find the agent behind any leg.
 */
public final class InterfaceNames {

  private InterfaceNames() {
  }

  /** The base of a member interface: {@code Local/agent1@agents/n} → {@code Local/agent1@agents}. */
  public static String baseOfInterface(String memberInterface) {
    if (memberInterface == null) {
      return null;
    }
    String base = memberInterface.trim();
    if (base.startsWith("Local/")) {
      int options = base.indexOf('/', "Local/".length());
      if (options > 0) {
        base = base.substring(0, options);
      }
    }
    return base.toLowerCase(java.util.Locale.ROOT);
  }

  /** The base of a channel name: {@code PJSIP/1001-0000000a} → {@code PJSIP/1001}. */
  public static String baseOfChannel(String channel) {
    if (channel == null) {
      return null;
    }
    String base = channel.trim();
    int leg = base.lastIndexOf(';');
    if (leg > 0) {
      base = base.substring(0, leg);
    }
    int sequence = base.lastIndexOf('-');
    int slash = base.indexOf('/');
    if (sequence > slash && slash > 0) {
      base = base.substring(0, sequence);
    }
    return base.toLowerCase(java.util.Locale.ROOT);
  }
}
