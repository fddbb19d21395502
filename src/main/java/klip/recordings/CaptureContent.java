package klip.recordings;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.http.ApiError;

import java.util.Set;

/**
 * Checks an uploaded screen-capture chunk or ticket snapshot by what it contains, not by its name or declared
 * type: it must be a JSON object of the DOM-recording shape with timestamps near now. Anything else is refused
 * before a byte is written.
 */
final class CaptureContent {

  static final Set<String> EVENT_TYPES = Set.of("snapshot", "input", "focus", "scroll", "visibility", "meta");
  private static final long DAY_MS = 24 * 60 * 60_000L;

  private CaptureContent() {
  }

  /** The chunk's events, after checking every one: {t: epoch ms, type: one of EVENT_TYPES, ...}. */
  static JsonArray chunk(Buffer body, int maxBytes, long now) {
    JsonObject o = object(body, maxBytes);
    Object events = o.getValue("events");
    if (!(events instanceof JsonArray list) || list.isEmpty()) {
      throw ApiError.badRequest("Potongan harus berisi 'events' yang tidak kosong");
    }
    for (Object e : list) {
      if (!(e instanceof JsonObject ev) || !(ev.getValue("t") instanceof Number t)
          || !(ev.getValue("type") instanceof String type) || !EVENT_TYPES.contains(type)) {
        throw ApiError.badRequest("Setiap peristiwa butuh 't' (angka) dan 'type' yang dikenal");
      }
      plausible(t.longValue(), now);
    }
    return list;
  }

  /** A still snapshot of the ticket as saved: {t, ticket: {...}, tree?: {...}}. */
  static JsonObject snapshot(Buffer body, int maxBytes, long now) {
    JsonObject o = object(body, maxBytes);
    if (!(o.getValue("t") instanceof Number t) || !(o.getValue("ticket") instanceof JsonObject)) {
      throw ApiError.badRequest("Snapshot butuh 't' dan objek 'ticket'");
    }
    plausible(t.longValue(), now);
    return o;
  }

  private static JsonObject object(Buffer body, int maxBytes) {
    if (body == null || body.length() == 0) {
      throw ApiError.badRequest("Badan permintaan kosong (empty body)");
    }
    if (body.length() > maxBytes) {
      throw new ApiError(413, "Potongan terlalu besar, maksimal " + maxBytes + " byte");
    }
    try {
      if (Json.decodeValue(body) instanceof JsonObject o) {
        return o;
      }
    } catch (DecodeException e) {
      // fall through: the same answer for every malformed body
    }
    throw new ApiError(415, "Isi bukan rekaman layar JSON");
  }

  private static void plausible(long t, long now) {
    if (t < now - 7 * DAY_MS || t > now + DAY_MS) {
      throw ApiError.badRequest("Waktu peristiwa tidak masuk akal (event time out of range)");
    }
  }
}
