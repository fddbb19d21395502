package klip.sikp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A word-level diff of two texts (longest common subsequence over words, each with its following spaces), for the
 * version history page: runs of kept ({@code =}), removed ({@code -}) and added ({@code +}) text.
 */
public final class WordDiff {
  /** Above this many words a side, the texts are shown as one removal and one addition (bounded memory). */
  static final int MAX_TOKENS = 2000;
  /** A word with the spaces after it (and leading spaces alone): spaces never pair up on their own. */
  private static final Pattern TOKEN = Pattern.compile("^\\s+|\\S+\\s*");

  private WordDiff() {
  }

  public static JsonArray diff(String before, String after) {
    List<String> a = tokens(before == null ? "" : before);
    List<String> b = tokens(after == null ? "" : after);
    JsonArray ops = new JsonArray();
    if (a.size() > MAX_TOKENS || b.size() > MAX_TOKENS) {
      add(ops, "-", String.join("", a));
      add(ops, "+", String.join("", b));
      return ops;
    }
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        add(ops, "=", a.get(i++));
        j++;
      } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
        add(ops, "-", a.get(i++)); // removals before additions: "[-old-]{+new+}" reads naturally
      } else {
        add(ops, "+", b.get(j++));
      }
    }
    return ops;
  }

  /** Appends text, joining it to the previous run when that run has the same kind. */
  private static void add(JsonArray ops, String op, String text) {
    if (text.isEmpty()) {
      return;
    }
    if (!ops.isEmpty()) {
      JsonObject last = ops.getJsonObject(ops.size() - 1);
      if (last.getString("op").equals(op)) {
        last.put("text", last.getString("text") + text);
        return;
      }
    }
    ops.add(new JsonObject().put("op", op).put("text", text));
  }

  private static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
