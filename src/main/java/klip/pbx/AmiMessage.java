package klip.pbx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One AMI message (action, response or event): ordered "Key: Value" pairs.
 * Order matters because clients and humans compare us with real Asterisk output,
 * and keys may repeat (e.g. several "Output:" lines), hence a list rather than a map.
 */
public final class AmiMessage {
  static final String CRLF = "\r\n";

  private final List<String[]> fields = new ArrayList<>();

  public static AmiMessage event(String name, String privilege) {
    AmiMessage m = new AmiMessage().add("Event", name);
    return privilege == null ? m : m.add("Privilege", privilege);
  }

  public static AmiMessage response(String response, String actionId) {
    AmiMessage m = new AmiMessage().add("Response", response);
    return actionId == null ? m : m.add("ActionID", actionId);
  }

  public AmiMessage add(String key, Object value) {
    fields.add(new String[] {key, value == null ? "" : String.valueOf(value)});
    return this;
  }

  public AmiMessage addAll(AmiMessage other) {
    fields.addAll(other.fields);
    return this;
  }

  /** First value of a key, compared case-insensitively like Asterisk does; null when absent. */
  public String get(String key) {
    for (String[] f : fields) {
      if (f[0].equalsIgnoreCase(key)) {
        return f[1];
      }
    }
    return null;
  }

  public String eventName() {
    return get("Event");
  }

  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (String[] f : fields) {
      map.putIfAbsent(f[0], f[1]);
    }
    return Collections.unmodifiableMap(map);
  }

  public String encode() {
    StringBuilder sb = new StringBuilder(fields.size() * 32);
    for (String[] f : fields) {
      sb.append(f[0]).append(": ").append(f[1]).append(CRLF);
    }
    return sb.append(CRLF).toString();
  }

  @Override
  public String toString() {
    return encode();
  }
}
