package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.identity.Teams;
import klip.tickets.HandledTicket;
import klip.tickets.Tickets;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The SLA report by Jakarta day and team: the tickets of answered calls (from the tickets capability) with their
 * agent's team (identity), joined in one statement with this capability's escalations and overdue alerts.
 */
final class SlaReport {

  /** $1: the handled tickets as a JSON array of {id, day, team, status, on_spot, created_at, resolved_at}. */
  static final String REPORT = """
      SELECT t.day, t.team,
        count(*) AS total,
        count(*) FILTER (WHERE t.on_spot) AS on_spot,
        count(es.id) AS escalated,
        count(es.id) FILTER (WHERE es.raised_at <= es.deadline_at) AS escalated_in_time,
        count(*) FILTER (WHERE t.status IN ('received', 'tl_discussion') AND EXISTS (SELECT 1 FROM deadline_alerts a
          WHERE a.ticket_id = t.id AND a.kind = 'overdue')) AS overdue_now,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (t.resolved_at - t.created_at)))
          FILTER (WHERE t.resolved_at IS NOT NULL) AS median_seconds,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (es.raised_at - t.created_at)))
          FILTER (WHERE es.id IS NOT NULL) AS median_escalation_seconds
      FROM jsonb_to_recordset($1::jsonb) AS t(id bigint, day date, team text, status text, on_spot boolean,
                                              created_at timestamptz, resolved_at timestamptz)
      LEFT JOIN escalations es ON es.ticket_id = t.id
      GROUP BY 1, 2 ORDER BY 1 DESC, 2
      """;

  private final Pool pool;
  private final Tickets tickets;
  private final Teams teams;

  SlaReport(Pool pool, Tickets tickets, Teams teams) {
    this.pool = pool;
    this.tickets = tickets;
    this.teams = teams;
  }

  /** Tickets received in [from, to); a ticket without an agent (or of an unknown one) counts under team "-". */
  Future<JsonArray> between(OffsetDateTime from, OffsetDateTime to) {
    return tickets.handledBetween(from, to).compose(handled -> {
      Set<String> agents = new HashSet<>();
      handled.stream().map(HandledTicket::agent).filter(a -> a != null).forEach(agents::add);
      return teams.teamsOf(agents).compose(teamOf -> pool.preparedQuery(REPORT)
          .execute(Tuple.of(facts(handled, teamOf))));
    }).map(rows -> {
      JsonArray list = new JsonArray();
      rows.forEach(r -> {
        long total = r.getLong("total");
        long escalated = r.getLong("escalated");
        list.add(new JsonObject().put("day", r.getLocalDate("day").toString()).put("team", r.getString("team"))
            .put("total", total).put("answeredOnSpot", r.getLong("on_spot"))
            .put("answeredOnSpotShare", share(r.getLong("on_spot"), total))
            .put("escalated", escalated).put("escalatedInTime", r.getLong("escalated_in_time"))
            .put("escalatedInTimeShare", share(r.getLong("escalated_in_time"), escalated))
            .put("overdueNow", r.getLong("overdue_now"))
            .put("medianHandlingSeconds", r.getDouble("median_seconds"))
            .put("medianEscalationSeconds", r.getDouble("median_escalation_seconds")));
      });
      return list;
    });
  }

  private static JsonArray facts(List<HandledTicket> handled, java.util.Map<String, String> teamOf) {
    JsonArray facts = new JsonArray();
    for (HandledTicket t : handled) {
      String team = t.agent() == null ? null : teamOf.get(t.agent());
      facts.add(new JsonObject().put("id", t.id()).put("day", t.day().toString())
          .put("team", team == null ? "-" : team).put("status", t.status()).put("on_spot", t.answeredOnSpot())
          .put("created_at", t.createdAt().toString())
          .put("resolved_at", t.resolvedAt() == null ? null : t.resolvedAt().toString()));
    }
    return facts;
  }

  private static Double share(long part, long whole) {
    return whole == 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
  }
}
