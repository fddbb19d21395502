package klip.qa;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import klip.identity.Masking;
import klip.recordings.CallRecordings;
import klip.tickets.TicketSummary;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** QA rows as the API shows them. */
final class QaJson {

  private QaJson() {
  }

  static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }

  static Double number(BigDecimal d) {
    return d == null ? null : d.doubleValue();
  }

  static JsonArray list(RowSet<Row> rows, Function<Row, JsonObject> map) {
    JsonArray a = new JsonArray();
    rows.forEach(r -> a.add(map.apply(r)));
    return a;
  }

  /** A row of the interaction lists: personal numbers masked (the interaction's own view has them in full). */
  static JsonObject interaction(TicketSummary t, String team, CallRecordings.CallAudio audio, long evaluations,
                                BigDecimal score) {
    return new JsonObject().put("ticketId", t.id()).put("callId", t.callId())
        .put("callerNumber", Masking.phone(t.callerNumber())).put("agent", t.agent())
        .put("team", team).put("application", t.application())
        .put("status", t.status()).put("callStatus", t.callStatus())
        .put("createdAt", iso(t.createdAt()))
        .put("answeredAt", iso(t.answeredAt()))
        .put("npwp", Masking.taxId(t.npwp())).put("nik", Masking.taxId(t.nik()))
        .put("recordingId", audio == null ? null : audio.id())
        .put("recordingStatus", audio == null ? null : audio.status())
        .put("durationMs", audio == null ? null : audio.durationMs()).put("evaluations", evaluations)
        .put("score", number(score));
  }

  static JsonObject evaluation(Row r) {
    Object dispute = r.getValue("dispute");
    return new JsonObject().put("id", r.getLong("id")).put("ticketId", r.getLong("ticket_id"))
        .put("agent", r.getString("agent_username")).put("assessor", r.getString("assessor"))
        .put("formId", r.getLong("form_id")).put("answers", r.getJsonObject("answers"))
        .put("score", number(r.getBigDecimal("score"))).put("fatalFailed", r.getBoolean("fatal_failed"))
        .put("comments", r.getString("comments")).put("calibrationId", r.getLong("calibration_id"))
        .put("supersedes", r.getLong("supersedes_id")).put("supersedeReason", r.getString("supersede_reason"))
        .put("supersededBy", r.getLong("superseded_by"))
        .put("submittedAt", iso(r.getOffsetDateTime("submitted_at")))
        .put("dispute", dispute instanceof JsonObject o ? o : null);
  }

  /** The criteria of a form from its joined rows, and the form as JSON. */
  static List<Scoring.Criterion> criteria(RowSet<Row> rows) {
    List<Scoring.Criterion> list = new ArrayList<>();
    rows.forEach(r -> list.add(new Scoring.Criterion(r.getString("code"), r.getString("label"),
        r.getInteger("weight"), r.getBoolean("fatal"))));
    return list;
  }

  static JsonObject form(RowSet<Row> rows) {
    Row first = rows.iterator().next();
    JsonArray criteria = new JsonArray();
    criteria(rows).forEach(c -> criteria.add(new JsonObject().put("code", c.code()).put("label", c.label())
        .put("weight", c.weight()).put("fatal", c.fatal())));
    return new JsonObject().put("id", first.getLong("id")).put("name", first.getString("name"))
        .put("version", first.getInteger("version")).put("criteria", criteria);
  }
}
