package klip.pbx;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;

/** Shared helpers: a fast PBX, blocking awaits for the JUnit thread, capture parsing. */
final class PbxTestSupport {
  static final String USER = "klip";
  static final String SECRET = "s3cret";

  private PbxTestSupport() {
  }

  static SimulatedPbx startPbx(Vertx vertx, Path recordings) {
    SimulatedPbx pbx = new SimulatedPbx(vertx, PbxConfig.defaults().withCredentials(USER, SECRET)
        .withRecordingsDir(recordings).fast());
    await(pbx.start());
    return pbx;
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  static ManagerConnection connection(SimulatedPbx pbx, String secret) {
    return new ManagerConnectionFactory("localhost", pbx.port(), USER, secret).createManagerConnection();
  }

  static String resource(String name) {
    try (InputStream in = PbxTestSupport.class.getResourceAsStream("/ami/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new AssertionError("missing test resource " + name, e);
    }
  }

  /** The messages of a capture as field maps (banner dropped). */
  static List<Map<String, String>> parseCapture(String transcript) {
    List<Map<String, String>> out = new ArrayList<>();
    for (String block : TranscriptReplayer.events(transcript)) {
      Map<String, String> m = new LinkedHashMap<>();
      for (String line : block.split("\r\n")) {
        int c = line.indexOf(": ");
        if (c > 0) {
          m.putIfAbsent(line.substring(0, c), line.substring(c + 2));
        }
      }
      out.add(m);
    }
    return out;
  }

  /** Sum of the per-type event counts at the top of a summary file (Response lines are not events). */
  static long summaryEventCount(String summary) {
    long total = 0;
    for (String line : summary.split("\n")) {
      String t = line.trim();
      if (t.startsWith("0 ")) {
        break; // the timeline starts with message 0
      }
      if (t.matches("\\d+ [A-Za-z]+")) {
        total += Long.parseLong(t.substring(0, t.indexOf(' ')));
      }
    }
    return total;
  }
}
