package klip.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.common.dsl.NumberSchemaBuilder;
import io.vertx.json.schema.common.dsl.SchemaBuilder;
import io.vertx.json.schema.common.dsl.Schemas;
import io.vertx.json.schema.common.dsl.StringSchemaBuilder;

import java.util.Map;

/**
 * The field schemas the routes share, on top of vertx-json-schema's builders: text that is optional or must not be
 * blank (never with a NUL, which PostgreSQL cannot store), positive ids, bounded whole numbers, dates.
 */
public final class Fields {

  /** No NUL anywhere. Linear to match: no nested quantifiers. */
  static final String NO_NUL = "^[^\\u0000]*$";
  /** At least one visible character and no NUL (blank text is not an answer to a required field). */
  static final String NOT_BLANK = "^\\s*[^\\s\\u0000][^\\u0000]*$";

  private Fields() {
  }

  /** Optional text up to {@code maxLength} characters; {@code null} counts as absent. */
  public static StringSchemaBuilder text(int maxLength) {
    return Schemas.stringSchema().nullable().withKeyword("maxLength", maxLength).withKeyword("pattern", NO_NUL);
  }

  /** An item of a list of texts: text (never null) up to {@code maxLength} characters, possibly blank. */
  public static StringSchemaBuilder item(int maxLength) {
    return Schemas.stringSchema().withKeyword("maxLength", maxLength).withKeyword("pattern", NO_NUL);
  }

  /** Text that must be there and not blank, up to {@code maxLength} characters. */
  public static StringSchemaBuilder requiredText(int maxLength) {
    return Schemas.stringSchema().withKeyword("maxLength", maxLength).withKeyword("pattern", NOT_BLANK);
  }

  /** A positive whole number (a row id). */
  public static NumberSchemaBuilder id() {
    return Schemas.intSchema().withKeyword("minimum", 1);
  }

  /** A whole number in {@code [min, max]}. */
  public static NumberSchemaBuilder whole(long min, long max) {
    return Schemas.intSchema().withKeyword("minimum", min).withKeyword("maximum", max);
  }

  /** A whole number in {@code [min, max]}, {@code fallback} when absent. */
  public static NumberSchemaBuilder whole(long min, long max, long fallback) {
    return whole(min, max).withKeyword("default", fallback);
  }

  /** One of the given words. */
  public static StringSchemaBuilder oneOf(String... values) {
    return Schemas.stringSchema().withKeyword("enum", words(values));
  }

  /** One of the given words, or nothing ({@code null} counts as absent). */
  public static StringSchemaBuilder optionalOneOf(String... values) {
    return Schemas.stringSchema().nullable().withKeyword("enum", words(values).addNull());
  }

  /** A calendar date, {@code YYYY-MM-DD}. */
  public static StringSchemaBuilder date() {
    return Schemas.stringSchema().withKeyword("format", "date");
  }

  private static JsonArray words(String... values) {
    JsonArray out = new JsonArray();
    for (String v : values) {
      out.add(v);
    }
    return out;
  }

  /** The builder's JSON without the generated {@code $id}s, so that it reads as plain JSON Schema. */
  static JsonObject json(SchemaBuilder<?, ?> schema) {
    return (JsonObject) withoutIds(schema.toJson());
  }

  private static Object withoutIds(Object value) {
    if (value instanceof JsonObject o) {
      JsonObject out = new JsonObject();
      for (Map.Entry<String, Object> e : o) {
        if (!e.getKey().equals("$id")) {
          out.put(e.getKey(), withoutIds(e.getValue()));
        }
      }
      return out;
    }
    if (value instanceof JsonArray a) {
      JsonArray out = new JsonArray();
      a.forEach(v -> out.add(withoutIds(v)));
      return out;
    }
    return value;
  }
}
