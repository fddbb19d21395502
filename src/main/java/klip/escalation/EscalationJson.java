package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import klip.tickets.TicketSummary;
import klip.tickets.Tickets;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Escalation rows to JSON, in the field names the API and the pages use. */
final class EscalationJson {

  private EscalationJson() {
  }

  /** Each escalation row with its ticket's caller, application and status, in the rows' order. */
  static Future<JsonArray> withTickets(RowSet<Row> rows, Tickets tickets) {
    return withTickets(rows, tickets, EscalationJson::of);
  }

  /** Each row (with a ticket_id column) as JSON together with its ticket, read in one go; in the rows' order. */
  static Future<JsonArray> withTickets(RowSet<Row> rows, Tickets tickets,
                                       BiFunction<Row, TicketSummary, JsonObject> json) {
    List<Long> ids = new ArrayList<>();
    rows.forEach(r -> ids.add(r.getLong("ticket_id")));
    return tickets.byIds(ids).map(found -> {
      Map<Long, TicketSummary> byId = new HashMap<>();
      found.forEach(t -> byId.put(t.id(), t));
      JsonArray list = new JsonArray();
      rows.forEach(r -> list.add(json.apply(r, byId.get(r.getLong("ticket_id")))));
      return list;
    });
  }

  static JsonObject of(Row r, TicketSummary t) {
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
        .put("callerNumber", t == null ? null : t.callerNumber())
        .put("callerName", t == null ? null : t.callerName())
        .put("application", t == null ? null : t.application())
        .put("ticketStatus", t == null ? null : t.status())
        .put("ticketVersion", t == null ? null : t.version())
        .put("onDesk", r.getBoolean("on_desk"));
  }

  static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
