package klip.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;
import io.vertx.json.schema.OutputUnit;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed schema validation into the one sentence the user reads (in Bahasa Indonesia, as every API error):
 * the first concrete complaint (a keyword such as {@code required} or
 * {@code maxLength}) with the field it is about.
 */
final class SchemaMessages {

  private static final Set<String> CONCRETE = Set.of("required", "type", "maxLength", "minLength", "pattern", "enum",
      "const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "format", "minItems", "maxItems",
      "uniqueItems");
  private static final Pattern QUOTED = Pattern.compile("\"(.*)\"");

  private SchemaMessages() {
  }

  /**
   * @param subject "Kolom" for body fields, "Parameter" for path and query parameters
   */
  static String describe(OutputUnit result, JsonObject schema, Object instance, String subject) {
    List<OutputUnit> errors = result.getErrors() == null ? List.of() : result.getErrors();
    for (OutputUnit error : errors) {
      String keywordLocation = strip(error.getKeywordLocation());
      String keyword = keywordLocation.substring(keywordLocation.lastIndexOf('/') + 1);
      if (CONCRETE.contains(keyword)) {
        String at = strip(error.getInstanceLocation());
        JsonObject fieldSchema = (JsonObject) query(schema, keywordLocation.substring(0, keywordLocation.lastIndexOf('/')));
        if (keyword.equals("required")) {
          Matcher m = QUOTED.matcher(error.getError());
          String field = m.find() ? join(at, m.group(1)) : name(at);
          return subject + " '" + field + "' wajib diisi";
        }
        return sentence(keyword, fieldSchema, query(instance, at), at, subject);
      }
    }
    return "Permintaan tidak sesuai skema";
  }

  private static String sentence(String keyword, JsonObject schema, Object value, String at, String subject) {
    if (at.isEmpty()) {
      return "Diharapkan objek JSON";
    }
    String who = subject + " '" + name(at) + "' ";
    return switch (keyword) {
      case "type" -> value == null ? who + "wajib diisi" : who + expected(schema);
      case "maxLength" -> who + "terlalu panjang, maksimal " + schema.getValue("maxLength") + " karakter";
      case "minLength" -> who + "terlalu pendek, minimal " + schema.getValue("minLength") + " karakter";
      case "pattern" -> value instanceof String s && s.isBlank() ? who + "wajib diisi"
          : value instanceof String s && s.indexOf('\u0000') >= 0 ? who + "berisi karakter NUL"
          : who + "tidak sesuai format yang diharapkan";
      case "enum", "const" -> who + "harus salah satu dari: " + String.join(", ",
          schema.getJsonArray("enum", new JsonArray().add(schema.getValue("const"))).stream()
              .filter(java.util.Objects::nonNull).map(String::valueOf).toList());
      case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> who + bounds(schema);
      case "format" -> who + switch (String.valueOf(schema.getValue("format"))) {
        case "date" -> "harus berupa tanggal TTTT-BB-HH";
        case "date-time" -> "harus berupa waktu ISO-8601";
        case "uuid" -> "harus berupa UUID";
        default -> "tidak sesuai format " + schema.getValue("format");
      };
      case "minItems" -> who + "harus berisi paling sedikit " + schema.getValue("minItems") + " isian";
      case "maxItems" -> who + "berisi paling banyak " + schema.getValue("maxItems") + " isian";
      default -> who + "berisi isian ganda (duplicate items)";
    };
  }

  /** The type a field should have; for a whole number, its range (as the user needs to know it anyway). */
  private static String expected(JsonObject schema) {
    Object type = schema.getValue("type");
    String wanted = type instanceof JsonArray a
        ? a.stream().map(String::valueOf).filter(t -> !t.equals("null")).findFirst().orElse("null")
        : String.valueOf(type);
    return switch (wanted) {
      case "string" -> "harus berupa teks";
      case "integer" -> bounds(schema);
      case "number" -> "harus berupa angka";
      case "boolean" -> "harus bernilai true atau false";
      case "array" -> "harus berupa daftar";
      case "object" -> "harus berupa objek JSON";
      default -> "tidak valid";
    };
  }

  private static String bounds(JsonObject schema) {
    Number min = (Number) schema.getValue("minimum");
    Number max = (Number) schema.getValue("maximum");
    if (min != null && max != null) {
      return "harus angka antara " + min + " dan " + max;
    }
    if (min != null && min.longValue() == 1) {
      return "harus berupa angka positif";
    }
    if (min != null) {
      return "harus angka paling kecil " + min;
    }
    if (max != null) {
      return "harus angka paling besar " + max;
    }
    return "harus berupa bilangan bulat";
  }

  /** JSON pointer "/criteria/0/code" as the user would name it: "criteria[0].code". */
  private static String name(String pointer) {
    StringBuilder out = new StringBuilder();
    for (String part : pointer.substring(pointer.isEmpty() ? 0 : 1).split("/")) {
      String unescaped = part.replace("~1", "/").replace("~0", "~");
      if (unescaped.chars().allMatch(Character::isDigit) && !unescaped.isEmpty() && out.length() > 0) {
        out.append('[').append(unescaped).append(']');
      } else {
        out.append(out.length() > 0 ? "." : "").append(unescaped);
      }
    }
    return out.toString();
  }

  private static String join(String parentPointer, String field) {
    return parentPointer.isEmpty() ? field : name(parentPointer) + "." + field;
  }

  private static String strip(String location) {
    return location == null ? "" : location.startsWith("#") ? location.substring(1) : location;
  }

  private static Object query(Object json, String pointer) {
    return pointer.isEmpty() ? json : JsonPointer.from(pointer).queryJson(json);
  }
}
