package klip.sikp.eval;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One judged query: text, graded relevant ids (best first) and its kind. */
public record EvalQuery(String q, List<String> relevant, String kind) {

  public static List<EvalQuery> read(Path file) throws IOException {
    List<EvalQuery> out = new ArrayList<>();
    int no = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      no++;
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonObject o = new JsonObject(line);
        List<String> rel = new ArrayList<>();
        o.getJsonArray("relevant").forEach(v -> rel.add(v.toString()));
        out.add(new EvalQuery(o.getString("q"), List.copyOf(rel), o.getString("kind", "unknown")));
      } catch (RuntimeException e) {
        throw new IOException(file + " line " + no + ": " + e.getMessage(), e);
      }
    }
    return out;
  }
}
