package klip.tickets;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;

/** Rows to JSON, in the field names the API and the browser use. */
final class TicketJson {

  private TicketJson() {
  }

  static JsonObject ticket(Row r) {
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("callId", r.getString("call_id"))
        .put("callerNumber", r.getString("caller_number"))
        .put("callerName", r.getString("caller_name"))
        .put("queue", r.getString("queue"))
        .put("agent", r.getString("agent_username"))
        .put("agentInterface", r.getString("agent_interface"))
        .put("callStatus", r.getString("call_status"))
        .put("status", r.getString("status"))
        .put("rangAt", iso(r.getOffsetDateTime("rang_at")))
        .put("answeredAt", iso(r.getOffsetDateTime("answered_at")))
        .put("endedAt", iso(r.getOffsetDateTime("ended_at")))
        .put("taxpayerId", r.getLong("taxpayer_id"))
        .put("npwp", r.getString("npwp"))
        .put("nik", r.getString("nik"))
        .put("application", r.getString("application"))
        .put("question", r.getString("question"))
        .put("notes", r.getString("notes"))
        .put("version", r.getInteger("version"))
        .put("createdAt", iso(r.getOffsetDateTime("created_at")))
        .put("updatedAt", iso(r.getOffsetDateTime("updated_at")));
  }

  /** The short form of GET /api/tickets?phone=, a fixed point integrators rely on. */
  static JsonObject summary(Row r) {
    return new JsonObject()
        .put("id", r.getLong("id"))
        .put("callId", r.getString("call_id"))
        .put("callerNumber", r.getString("caller_number"))
        .put("agent", r.getString("agent_username"))
        .put("status", r.getString("status"))
        .put("callStatus", r.getString("call_status"))
        .put("application", r.getString("application"))
        .put("question", r.getString("question"))
        .put("createdAt", iso(r.getOffsetDateTime("created_at")));
  }

  static JsonObject taxpayer(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("name", r.getString("name"))
        .put("npwp", r.getString("npwp")).put("nik", r.getString("nik"));
  }

  static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
