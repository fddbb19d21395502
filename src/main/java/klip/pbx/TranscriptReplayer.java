package klip.pbx;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a captured AMI transcript (banner + messages, CRLF) into the event blocks to replay:
 * the banner and every Response block (the capture's own login and action answers) are dropped,
 * events, including list events that carry an ActionID, are kept byte for byte and in order.
 */
public final class TranscriptReplayer {
  private TranscriptReplayer() {
  }

  public static List<String> events(String transcript) {
    List<String> out = new ArrayList<>();
    for (String block : transcript.split("\r\n\r\n")) {
      String b = block;
      if (b.startsWith("Asterisk Call Manager/")) {
        int nl = b.indexOf("\r\n");
        b = nl < 0 ? "" : b.substring(nl + 2);
      }
      if (b.isBlank() || b.startsWith("Response:")) {
        continue;
      }
      out.add(b + "\r\n\r\n");
    }
    return out;
  }
}
