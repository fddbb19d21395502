package klip.phone;

/**
 * Caller numbers as Asterisk and people write them (+62 857-1122-3344, 6285711223344, 0857 1122 3344) reduced to
 * one national form with a leading 0, so that lookups match whatever the trunk or the agent typed.
 */
public final class PhoneNumbers {

  private PhoneNumbers() {
  }

  /** The normalised number, or an empty string when nothing numeric is left. */
  public static String normalise(String raw) {
    if (raw == null) {
      return "";
    }
    StringBuilder digits = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    String d = digits.toString();
    if (d.startsWith("0062")) {
      d = d.substring(4);
      return "0" + d;
    }
    if (d.startsWith("62") && d.length() >= 9) {
      return "0" + d.substring(2);
    }
    return d;
  }

  /** A number for lists and logs: the last four digits only. */
  public static String mask(String raw) {
    String n = normalise(raw);
    if (n.length() <= 4) {
      return "****";
    }
    return "*".repeat(n.length() - 4) + n.substring(n.length() - 4);
  }
}
