package klip.tickets;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;

/** The body of a {@code tickets.recording.due} message, from a ticket row of {@code TicketQueries}' end columns. */
final class RecordingDue {

  private RecordingDue() {
  }

  static JsonObject of(Row r) {
    OffsetDateTime answeredAt = r.getOffsetDateTime("answered_at");
    OffsetDateTime endedAt = r.getOffsetDateTime("ended_at");
    return new JsonObject().put("ticketId", r.getLong("id")).put("callId", r.getString("call_id"))
        .put("answered", answeredAt != null)
        .put("answeredAt", answeredAt == null ? null : answeredAt.toInstant().toEpochMilli())
        .put("firstSeenAt", r.getOffsetDateTime("rang_at").toInstant().toEpochMilli())
        .put("eventAt", endedAt == null ? null : endedAt.toInstant().toEpochMilli())
        // Without a Uniqueid announced, the caller's own leg (its Uniqueid is the Linkedid) is where to look.
        .put("recordingUniqueId", r.getString("recording_unique_id") != null ? r.getString("recording_unique_id")
            : r.getString("call_id"))
        .put("recordingFile", r.getString("recording_file"));
  }
}
