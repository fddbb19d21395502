package klip.support;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The AMI transcripts captured from a real Asterisk 22 (src/test/resources/ami) and their expected outcomes. */
public final class Captures {

  public static final String[] SESSIONS = {"ami-session-1.txt", "ami-session-2.txt", "ami-session-3.txt"};

  private Captures() {
  }

  public static String transcript(String name) {
    return resource("/ami/" + name);
  }

  public static JsonObject expected() {
    return new JsonObject(resource("/ami/expected.json"));
  }

  private static String resource(String path) {
    try (InputStream in = Captures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Missing test resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
