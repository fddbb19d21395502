package klip.pbx;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Incremental decoder for what clients send: lines ended by CRLF (a bare LF is tolerated),
 * a message ends at an empty line. Lines without a colon are ignored like Asterisk does.
 */
final class AmiDecoder {
  private final Consumer<AmiMessage> sink;
  private final StringBuilder line = new StringBuilder();
  private AmiMessage current = new AmiMessage();
  private boolean hasFields;

  AmiDecoder(Consumer<AmiMessage> sink) {
    this.sink = sink;
  }

  void feed(Buffer data) {
    String text = data.toString(StandardCharsets.UTF_8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        endLine();
      } else if (c != '\r') {
        line.append(c);
      }
    }
  }

  private void endLine() {
    String l = line.toString();
    line.setLength(0);
    if (l.isEmpty()) {
      if (hasFields) {
        AmiMessage done = current;
        current = new AmiMessage();
        hasFields = false;
        sink.accept(done);
      }
      return;
    }
    int colon = l.indexOf(':');
    if (colon > 0) {
      current.add(ActionKeys.canonical(l.substring(0, colon).trim()), l.substring(colon + 1).trim());
      hasFields = true;
    }
  }
}
