package klip.tickets;

import io.vertx.core.json.JsonObject;
import klip.http.ApiError;

import java.util.regex.Pattern;

/**
 * A draft as sent by the desk: the version it last saw (0 when none) and the fields as typed, text only. The
 * field names are the desk's own (form and workflow inputs); the server keeps them as they are, within limits.
 */
record TicketDraft(int version, JsonObject fields) {

  static final int MAX_FIELDS = 24;
  static final int MAX_FIELD_LENGTH = 8000;
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,39}");

  static TicketDraft from(JsonObject body) {
    Object version = body.getValue("version");
    if (!(version instanceof Number n) || n.doubleValue() != n.intValue() || n.intValue() < 0) {
      throw ApiError.badRequest("Kolom 'version' wajib diisi dengan versi draf terakhir (0 bila belum ada)");
    }
    if (!(body.getValue("fields") instanceof JsonObject fields)) {
      throw ApiError.badRequest("Kolom 'fields' wajib berupa objek isian draf");
    }
    if (fields.size() > MAX_FIELDS) {
      throw ApiError.badRequest("Draf berisi terlalu banyak isian, maksimal " + MAX_FIELDS);
    }
    for (String name : fields.fieldNames()) {
      if (!NAME.matcher(name).matches()) {
        throw ApiError.badRequest("Nama isian draf tidak valid: huruf, angka, '-' atau '_', maksimal 40 karakter");
      }
      Object value = fields.getValue(name);
      if (value != null && !(value instanceof String)) {
        throw ApiError.badRequest("Isian draf '" + name + "' harus berupa teks");
      }
      if (value instanceof String s && (s.length() > MAX_FIELD_LENGTH || s.indexOf('\u0000') >= 0)) {
        throw ApiError.badRequest("Isian draf '" + name + "' terlalu panjang (maksimal " + MAX_FIELD_LENGTH
            + " karakter) atau berisi karakter NUL");
      }
    }
    return new TicketDraft(n.intValue(), fields);
  }
}
