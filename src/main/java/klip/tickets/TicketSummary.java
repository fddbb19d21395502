package klip.tickets;

import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;

/**
 * A ticket as other capabilities may see it: who, what and where it stands, without its timeline or answer.
 *
 * @param agent         the agent it rang or was answered by (null before any ring reached an agent)
 * @param taxpayerName  the identified taxpayer's name (null when not identified)
 */
public record TicketSummary(long id, String callId, String agent, String callerNumber, String callerName,
                            String application, String status, int version, String callStatus,
                            OffsetDateTime createdAt, OffsetDateTime answeredAt, OffsetDateTime endedAt,
                            OffsetDateTime resolvedAt, String npwp, String nik, String taxpayerName) {

  /** The NPWP when known, else the NIK. */
  public String taxpayerNumber() {
    return npwp != null ? npwp : nik;
  }

  static TicketSummary of(Row r) {
    return new TicketSummary(r.getLong("id"), r.getString("call_id"), r.getString("agent_username"),
        r.getString("caller_number"), r.getString("caller_name"), r.getString("application"), r.getString("status"),
        r.getInteger("version"), r.getString("call_status"), r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("answered_at"), r.getOffsetDateTime("ended_at"), r.getOffsetDateTime("resolved_at"),
        r.getString("npwp"), r.getString("nik"), r.getString("taxpayer_name"));
  }
}
