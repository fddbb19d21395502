package klip.sikp;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads articles from JSON Lines. A bad line is reported with its line number and skipped; the
 * good lines around it are kept, so one broken record never blocks an import.
 */
public final class ArticleJsonl {
  private static final Logger log = LoggerFactory.getLogger(ArticleJsonl.class);
  /** The articles shipped with the application (the demo default). */
  public static final String BUNDLED = "/sikp/articles.jsonl";

  /** A line that could not be turned into an article. */
  public record LineError(int line, String message) {}

  /** Everything read from one file. */
  public record Result(List<SikpArticle> articles, List<LineError> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  private ArticleJsonl() {}

  public static Result read(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r);
    }
  }

  /** The bundled demo articles from the classpath. */
  public static Result readBundled() {
    try (InputStream in = ArticleJsonl.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + BUNDLED);
      }
      return read(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + BUNDLED, e);
    }
  }

  public static Result read(Reader reader) throws IOException {
    List<SikpArticle> articles = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    String line;
    int no = 0;
    while ((line = in.readLine()) != null) {
      no++;
      if (line.isBlank()) {
        continue;
      }
      try {
        SikpArticle a = parse(line);
        if (!seen.add(a.id())) {
          errors.add(new LineError(no, "duplicate id " + a.id()));
          continue;
        }
        articles.add(a);
      } catch (DecodeException | ClassCastException | IllegalArgumentException | NullPointerException e) {
        errors.add(new LineError(no, e.getMessage() == null ? e.toString() : e.getMessage()));
      }
    }
    for (LineError e : errors) {
      log.warn("articles line {}: {}", e.line(), e.message());
    }
    return new Result(List.copyOf(articles), List.copyOf(errors));
  }

  /** Parses one JSON object; throws IllegalArgumentException when a required field is missing. */
  public static SikpArticle parse(String json) {
    JsonObject o = new JsonObject(json);
    String id = required(o, "id");
    String title = required(o, "title");
    String answer = required(o, "answer");
    Integer version = o.getInteger("version");
    return new SikpArticle(
        id,
        o.getString("app", ""),
        title,
        o.getString("question", ""),
        strings(o.getJsonArray("variants")),
        answer,
        strings(o.getJsonArray("keywords")),
        version == null ? 1 : version,
        o.getString("status", SikpArticle.PUBLISHED));
  }

  private static String required(JsonObject o, String field) {
    String v = o.getString(field);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return v;
  }

  private static List<String> strings(JsonArray a) {
    if (a == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(a.size());
    for (Object v : a) {
      if (v != null) {
        out.add(v.toString());
      }
    }
    return out;
  }
}
