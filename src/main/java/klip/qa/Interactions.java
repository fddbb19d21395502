package klip.qa;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import klip.identity.Teams;
import klip.recordings.CallRecordings;
import klip.recordings.CallRecordings.CallAudio;
import klip.tickets.TicketSearch;
import klip.tickets.TicketSummary;
import klip.tickets.Tickets;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The interactions the QA console lists: tickets (from the tickets capability) with their agent's team (identity),
 * their call recording (recordings) and their evaluations (this capability's own tables), put together here.
 */
final class Interactions {

  private final Pool pool;
  private final Tickets tickets;
  private final Teams teams;
  private final CallRecordings recordings;

  Interactions(Pool pool, Tickets tickets, Teams teams, CallRecordings recordings) {
    this.pool = pool;
    this.tickets = tickets;
    this.teams = teams;
    this.recordings = recordings;
  }

  /**
   * Tickets matching the filters, newest first; {@code team} keeps those of that team's agents, {@code named}
   * (null = any) those of these agents (what a typed name or user name means).
   */
  Future<JsonArray> search(TicketSearch filters, String team, Collection<String> named) {
    return membersOf(team)
        .map(members -> members == null ? named : named == null ? members
            : members.stream().filter(named::contains).toList())
        .compose(agents -> tickets.search(new TicketSearch(filters.from(), filters.to(), filters.agent(), agents,
            filters.application(), filters.outcome(), filters.taxpayer(), filters.phone(), filters.limit())))
        .compose(found -> describe(found, true));
  }

  /**
   * Up to {@code perAgent} answered calls with a present recording per agent in the week, in a random order
   * that the seed makes repeatable; ordered by agent.
   */
  Future<JsonArray> sample(LocalDate monday, int perAgent, String seed, String team) {
    return membersOf(team)
        .compose(agents -> tickets.answeredInWeek(monday, agents, seed))
        .compose(answered -> recordings.audioOfCalls(callIds(answered)).map(audio -> {
          List<TicketSummary> picked = new ArrayList<>();
          Map<String, Integer> perAgentCount = new HashMap<>();
          for (TicketSummary t : answered) {
            CallAudio a = audio.get(t.callId());
            if (a != null && a.status().equals("present") && perAgentCount.merge(t.agent(), 1, Integer::sum) <= perAgent) {
              picked.add(t);
            }
          }
          return picked;
        }))
        .compose(picked -> describe(picked, false));
  }

  private Future<List<String>> membersOf(String team) {
    return team == null ? Future.succeededFuture(null) : teams.membersOf(team);
  }

  private Future<JsonArray> describe(List<TicketSummary> list, boolean withEvaluations) {
    if (list.isEmpty()) {
      return Future.succeededFuture(new JsonArray());
    }
    Set<String> agents = new LinkedHashSet<>();
    List<Long> ids = new ArrayList<>();
    for (TicketSummary t : list) {
      if (t.agent() != null) {
        agents.add(t.agent());
      }
      ids.add(t.id());
    }
    var teamsOf = teams.teamsOf(agents);
    var audio = recordings.audioOfCalls(callIds(list));
    Future<Map<Long, Row>> evaluations = withEvaluations
        ? pool.preparedQuery(QaQueries.EVALUATION_COUNTS).execute(Tuple.of(ids.toArray(new Long[0]))).map(rows -> {
          Map<Long, Row> byTicket = new HashMap<>();
          rows.forEach(r -> byTicket.put(r.getLong("ticket_id"), r));
          return byTicket;
        })
        : Future.succeededFuture(Map.of());
    return Future.all(teamsOf, audio, evaluations).map(all -> {
      JsonArray rows = new JsonArray();
      for (TicketSummary t : list) {
        Row e = evaluations.result().get(t.id());
        rows.add(QaJson.interaction(t, t.agent() == null ? null : teamsOf.result().get(t.agent()),
            audio.result().get(t.callId()), e == null ? 0 : e.getLong("evaluations"),
            e == null ? null : e.getBigDecimal("score")));
      }
      return rows;
    });
  }

  private static List<String> callIds(List<TicketSummary> list) {
    return list.stream().map(TicketSummary::callId).toList();
  }
}
