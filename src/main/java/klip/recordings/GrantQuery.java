package klip.recordings;

/**
 * Reads a player's Range request for the short road without the API chain's schema validation: it accepts only
 * what that validation certainly accepts (a query of exactly {@code grant=<token>} in the grant alphabet, a plain
 * positive id), so that the short road never serves a request the full route would refuse.
 */
final class GrantQuery {

  private static final String PREFIX = "grant=";
  /** The grant field's limit in the route's schema. */
  private static final int MAX_TOKEN = 200;
  /** Fewer digits than a long can hold, whatever they are. */
  private static final int MAX_ID_DIGITS = 18;

  private GrantQuery() {
  }

  /** The token of a query that is {@code grant=<base64url>} and nothing else; null otherwise. */
  static String token(String query) {
    if (query == null || !query.startsWith(PREFIX) || query.length() == PREFIX.length()
        || query.length() > PREFIX.length() + MAX_TOKEN) {
      return null;
    }
    for (int i = PREFIX.length(); i < query.length(); i++) {
      char c = query.charAt(i);
      boolean base64Url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
          || c == '_';
      if (!base64Url) {
        return null;
      }
    }
    return query.substring(PREFIX.length());
  }

  /** The id of a path segment of 1 to 18 decimal digits without a leading zero; -1 otherwise. */
  static long positiveId(String segment) {
    if (segment == null || segment.isEmpty() || segment.length() > MAX_ID_DIGITS || segment.charAt(0) == '0') {
      return -1;
    }
    long id = 0;
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      id = id * 10 + (c - '0');
    }
    return id;
  }
}
