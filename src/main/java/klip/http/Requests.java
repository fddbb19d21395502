package klip.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reading request input with clear 400s: every handler validates through these. */
public final class Requests {

  private Requests() {
  }

  /** The body as a JSON object, or a 400 saying what is wrong with it. */
  public static JsonObject jsonBody(RoutingContext ctx) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw ApiError.badRequest("Badan permintaan kosong; diharapkan objek JSON (empty body, JSON object expected)");
    }
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(text);
      if (parsed instanceof JsonObject o) {
        return o;
      }
    } catch (DecodeException e) {
      throw ApiError.badRequest("Badan permintaan bukan JSON yang valid (malformed JSON)");
    }
    throw ApiError.badRequest("Diharapkan objek JSON (JSON object expected)");
  }

  /** A string field, trimmed; {@code null} when absent; a 400 when present with another type or too long. */
  public static String optionalString(JsonObject body, String field, int maxLength) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw ApiError.badRequest("Kolom '" + field + "' harus berupa teks (must be a string)");
    }
    String trimmed = s.trim();
    if (trimmed.indexOf('\u0000') >= 0) {
      throw ApiError.badRequest("Kolom '" + field + "' berisi karakter NUL (NUL byte not allowed)");
    }
    if (trimmed.length() > maxLength) {
      throw ApiError.badRequest("Kolom '" + field + "' terlalu panjang, maksimal " + maxLength + " karakter");
    }
    return trimmed;
  }

  public static String requiredString(JsonObject body, String field, int maxLength) {
    String value = optionalString(body, field, maxLength);
    if (value == null || value.isEmpty()) {
      throw ApiError.badRequest("Kolom '" + field + "' wajib diisi (required)");
    }
    return value;
  }

  /** A positive whole-number path parameter, or a 400 (not a 500) for anything else. */
  public static long idParam(RoutingContext ctx, String name) {
    String raw = ctx.pathParam(name);
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException | NullPointerException e) {
      // fall through to the 400 below
    }
    throw ApiError.badRequest("Parameter '" + name + "' harus berupa angka positif (positive number expected)");
  }

  public static int intQuery(RoutingContext ctx, String name, int fallback, int min, int max) {
    String raw = ctx.queryParams().get(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw ApiError.badRequest("Parameter '" + name + "' harus angka antara " + min + " dan " + max);
  }
}
