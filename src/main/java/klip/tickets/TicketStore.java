package klip.tickets;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** {@link Tickets} on PostgreSQL. */
public final class TicketStore implements Tickets {

  private final Pool pool;

  public TicketStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<TicketSummary> byId(long ticketId) {
    return pool.preparedQuery(TicketViewQueries.BY_ID).execute(Tuple.of(ticketId)).map(TicketStore::first);
  }

  @Override
  public Future<TicketSummary> ofCall(String callId) {
    return pool.preparedQuery(TicketViewQueries.OF_CALL).execute(Tuple.of(callId)).map(TicketStore::first);
  }

  @Override
  public Future<List<TicketSummary>> ofCalls(Collection<String> callIds) {
    return pool.preparedQuery(TicketViewQueries.OF_CALLS).execute(Tuple.of(callIds.toArray(new String[0])))
        .map(TicketStore::all);
  }

  @Override
  public Future<List<TicketSummary>> byIds(Collection<Long> ticketIds) {
    return pool.preparedQuery(TicketViewQueries.BY_IDS).execute(Tuple.of(ticketIds.toArray(new Long[0])))
        .map(TicketStore::all);
  }

  @Override
  public Future<List<TicketSummary>> search(TicketSearch s) {
    return pool.preparedQuery(TicketViewQueries.SEARCH).execute(Tuple.tuple()
            .addLocalDate(s.from()).addLocalDate(s.to()).addString(s.agent()).addArrayOfString(names(s.agents()))
            .addString(s.application()).addString(s.outcome()).addString(s.taxpayer()).addString(s.phone())
            .addInteger(s.limit()))
        .map(TicketStore::all);
  }

  @Override
  public Future<List<TicketSummary>> answeredInWeek(LocalDate monday, Collection<String> agents, String seed) {
    return pool.preparedQuery(TicketViewQueries.ANSWERED_IN_WEEK)
        .execute(Tuple.tuple().addLocalDate(monday).addArrayOfString(names(agents)).addString(seed))
        .map(TicketStore::all);
  }

  @Override
  public Future<List<TicketSummary>> awaitingAnswer(Instant since, Collection<Long> excluded, int limit) {
    return pool.preparedQuery(TicketViewQueries.AWAITING_ANSWER).execute(Tuple.of(utc(since),
        excluded.toArray(new Long[0]), limit)).map(TicketStore::all);
  }

  @Override
  public Future<List<HandledTicket>> handledBetween(OffsetDateTime from, OffsetDateTime to) {
    return pool.preparedQuery(TicketViewQueries.HANDLED).execute(Tuple.of(from, to)).map(rows -> {
      List<HandledTicket> list = new ArrayList<>(rows.size());
      for (Row r : rows) {
        list.add(new HandledTicket(r.getLong("id"), r.getLocalDate("day"), r.getString("agent_username"),
            r.getString("status"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("resolved_at"),
            r.getBoolean("on_spot")));
      }
      return list;
    });
  }

  @Override
  public Future<Void> addToTimeline(long ticketId, Instant at, String actor, String kind, JsonObject detail) {
    return pool.preparedQuery(TicketViewQueries.ADD_TO_TIMELINE)
        .execute(Tuple.of(ticketId, utc(at), actor, kind, detail)).mapEmpty();
  }

  @Override
  public Future<Void> addToTimelineOfCall(String callId, Instant at, String actor, String kind, JsonObject detail) {
    return pool.preparedQuery(TicketViewQueries.ADD_TO_TIMELINE_OF_CALL)
        .execute(Tuple.of(callId, utc(at), actor, kind, detail)).mapEmpty();
  }

  private static OffsetDateTime utc(Instant at) {
    return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }

  private static String[] names(Collection<String> names) {
    return names == null ? null : names.toArray(new String[0]);
  }

  private static TicketSummary first(RowSet<Row> rows) {
    return rows.iterator().hasNext() ? TicketSummary.of(rows.iterator().next()) : null;
  }

  private static List<TicketSummary> all(RowSet<Row> rows) {
    List<TicketSummary> list = new ArrayList<>(rows.size());
    rows.forEach(r -> list.add(TicketSummary.of(r)));
    return list;
  }
}
