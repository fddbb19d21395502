package klip.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Random;

/** Malformed and hostile request parts for the fuzz test: broken JSON, traversal, script, SQL, Lucene syntax. */
final class HostileInputs {

  static final String SCRIPT = "<script>alert('klip')</script>";
  static final List<String> STRINGS = List.of(
      SCRIPT, "<img src=x onerror=alert(1)>", "\"><svg/onload=alert(1)>", "javascript:alert(1)",
      "' OR '1'='1", "1; DROP TABLE tickets; --", "'); DELETE FROM users; --", "1 UNION SELECT password_hash FROM users",
      "$1", "\\", "%00", "\u0000", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
      "title:(e-Filing OR efin)~2 AND *:*", "e-Filing^99 +efin -spt \"unterminated", "/.*/", "*", "?", "a AND OR NOT",
      "{!xmlparser v='<!DOCTYPE a SYSTEM \"http://x\">'}", "((((((((((((a", "field:[* TO *]", "~~~~", "\\\\\\",
      "${jndi:ldap://x/a}", "{{7*7}}", "%s%s%s%n", "\uD83D\uDE00\u202E\uFEFF", "x".repeat(5000), "", " ",
      "0857-1122-3344", "1234567890123456", "-1", "0", "99999999999999999999", "1e309", "NaN", "true", "null");
  static final List<String> PATH_VALUES = List.of(
      "999999", "0", "-1", "1.5", "abc", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "..", "%00", "1%20OR%201%3D1",
      "%3Cscript%3E", "99999999999999999999999", "1;DROP", "%E2%80%AE", "a".repeat(300), "%25", "admin");
  private static final String[] BODY_SHAPES = {
      "{", "}", "[", "{\"a\":", "{'single':'quotes'}", "not json at all", "null", "true", "42", "\"string\"", "[]",
      "[{}]", "{\"a\":1,}", "{\"a\":NaN}", "{\"a\":Infinity}", "\u0000\u0001\u0002", "{\"a\":\"\\ud800\"}",
      "{\"__proto__\":{\"admin\":true}}", "<?xml version=\"1.0\"?><a/>", "a=1&b=2"};
  private static final String[] FIELDS = {
      "username", "password", "displayName", "role", "team", "phoneInterface", "active", "code", "name", "version",
      "question", "notes", "application", "npwp", "nik", "taxpayerId", "to", "answer", "source", "articleId", "title",
      "body", "q", "query", "reason", "score", "comment", "callerNumber", "callerName", "mode", "ticketId", "note",
      "status", "criteria", "from", "until", "limit", "id", "interface", "channel", "text", "tags", "category"};

  private HostileInputs() {
  }

  static String string(Random r) {
    return STRINGS.get(r.nextInt(STRINGS.size()));
  }

  static Object value(Random r, int depth) {
    return switch (r.nextInt(depth > 3 ? 6 : 9)) {
      case 0 -> r.nextLong();
      case 1 -> r.nextBoolean();
      case 2 -> null;
      case 3 -> r.nextInt(3) - 1;
      case 4, 5 -> string(r);
      case 6 -> object(r, depth + 1);
      case 7 -> new JsonArray().add(value(r, depth + 1)).add(value(r, depth + 1));
      default -> r.nextDouble() * 1e12;
    };
  }

  static JsonObject object(Random r, int depth) {
    JsonObject o = new JsonObject();
    int n = 1 + r.nextInt(6);
    for (int i = 0; i < n; i++) {
      o.put(FIELDS[r.nextInt(FIELDS.length)], value(r, depth));
    }
    return o;
  }

  /** A body: mostly JSON objects with hostile values, some broken JSON, deep nesting, or over the size limit. */
  static String body(Random r) {
    int kind = r.nextInt(100);
    if (kind < 55) {
      return object(r, 0).encode();
    }
    if (kind < 80) {
      return BODY_SHAPES[r.nextInt(BODY_SHAPES.length)];
    }
    if (kind < 88) {
      return "[".repeat(5000) + "]".repeat(5000);
    }
    if (kind < 92) {
      return "{\"question\":\"" + "A".repeat(300 * 1024) + "\"}";
    }
    return "";
  }

  static String query(Random r) {
    StringBuilder q = new StringBuilder("?");
    String[] keys = {"phone", "limit", "q", "query", "before", "actor", "action", "from", "to", "status", "agent",
        "team", "page", "week", "date", "offset"};
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      q.append(i == 0 ? "" : "&").append(keys[r.nextInt(keys.length)]).append('=')
          .append(java.net.URLEncoder.encode(string(r), java.nio.charset.StandardCharsets.UTF_8));
    }
    return q.toString();
  }
}
