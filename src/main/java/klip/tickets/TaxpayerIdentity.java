package klip.tickets;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.common.dsl.ObjectSchemaBuilder;
import io.vertx.json.schema.common.dsl.Schemas;
import klip.http.ApiError;
import klip.http.Fields;
import klip.http.RequestInput;

/**
 * What the agent attaches to a ticket: a known taxpayer picked from the pop's list, or an NPWP (15 digits, or
 * 16 where the NIK serves as NPWP) or a NIK (16 digits) the caller dictates. Dots and dashes as people write
 * NPWPs (01.234.567.8-901.000) are accepted; anything else is a clear 400.
 */
record TaxpayerIdentity(Long taxpayerId, String npwp, String nik) {

  /** The body as a JSON schema; which of the three is given, and the digits, are checked by {@link #from}. */
  static ObjectSchemaBuilder schema() {
    return Schemas.objectSchema()
        .optionalProperty("taxpayerId", Schemas.intSchema().nullable())
        .optionalProperty("npwp", Fields.text(30))
        .optionalProperty("nik", Fields.text(30));
  }

  static TaxpayerIdentity from(JsonObject body) {
    Long id = body.getLong("taxpayerId");
    String npwp = digits(RequestInput.text(body, "npwp"), "npwp");
    String nik = digits(RequestInput.text(body, "nik"), "nik");
    if (id == null && npwp == null && nik == null) {
      throw ApiError.badRequest("Isi salah satu: taxpayerId, npwp atau nik");
    }
    if (npwp != null && npwp.length() != 15 && npwp.length() != 16) {
      throw ApiError.badRequest("NPWP harus 15 atau 16 digit angka; diterima " + npwp.length() + " digit");
    }
    if (nik != null && nik.length() != 16) {
      throw ApiError.badRequest("NIK harus 16 digit angka; diterima " + nik.length() + " digit");
    }
    return new TaxpayerIdentity(id, npwp, nik);
  }

  private static String digits(String raw, String field) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    String cleaned = raw.replaceAll("[.\\-\\s]", "");
    if (!cleaned.matches("[0-9]+")) {
      throw ApiError.badRequest(field.toUpperCase() + " hanya boleh berisi angka");
    }
    return cleaned;
  }
}
