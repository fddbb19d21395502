package klip.escalation;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;

/** Escalation rows to JSON, in the field names the API and the pages use. */
final class EscalationJson {

  private EscalationJson() {
  }

  static JsonObject of(Row r) {
    return new JsonObject()
        .put("escalationId", r.getUUID("id").toString())
        .put("ticketId", r.getLong("ticket_id"))
        .put("agent", r.getString("agent_username"))
        .put("raisedBy", r.getString("raised_by"))
        .put("raisedAt", iso(r.getOffsetDateTime("raised_at")))
        .put("question", r.getString("question"))
        .put("reason", r.getString("reason"))
        .put("receivedAt", iso(r.getOffsetDateTime("received_at")))
        .put("deadlineAt", iso(r.getOffsetDateTime("deadline_at")))
        .put("status", r.getString("status"))
        .put("channel", r.getString("channel"))
        .put("forwardedBy", r.getString("forwarded_by"))
        .put("forwardedAt", iso(r.getOffsetDateTime("forwarded_at")))
        .put("forwardAttempts", r.getInteger("forward_attempts"))
        .put("forwardError", r.getString("forward_error"))
        .put("directorateReply", r.getString("directorate_reply"))
        .put("directorateReplyAt", iso(r.getOffsetDateTime("directorate_reply_at")))
        .put("answer", r.getString("answer"))
        .put("answeredBy", r.getString("answered_by"))
        .put("answeredAt", iso(r.getOffsetDateTime("answered_at")))
        .put("callerNumber", r.getString("caller_number"))
        .put("callerName", r.getString("caller_name"))
        .put("application", r.getString("application"))
        .put("ticketStatus", r.getString("ticket_status"))
        .put("ticketVersion", r.getInteger("ticket_version"))
        .put("onDesk", r.getBoolean("on_desk"));
  }

  static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
