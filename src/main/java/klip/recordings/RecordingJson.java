package klip.recordings;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;

/** Recording rows as the API shows them: never the file-system path, only what the row says about the file. */
public final class RecordingJson {

  private RecordingJson() {
  }

  public static JsonObject of(Row r) {
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("ticketId", r.getLong("ticket_id"))
        .put("callId", r.getString("call_id"))
        .put("kind", r.getString("kind"))
        .put("format", r.getString("format"))
        .put("sizeBytes", r.getLong("size_bytes"))
        .put("durationMs", r.getLong("duration_ms"))
        .put("sha256", r.getString("sha256"))
        .put("startedAt", iso(r.getOffsetDateTime("started_at")))
        .put("status", r.getString("status"))
        .put("statusDetail", r.getString("status_detail"))
        .put("createdAt", iso(r.getOffsetDateTime("created_at")))
        .put("verifiedAt", iso(r.getOffsetDateTime("verified_at")));
  }

  static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
