package klip.tickets;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.facts.BatchedReads;
import klip.facts.FrozenFacts;
import klip.facts.GroupCommit;
import klip.observability.Metrics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds and delivers screen-pops: the ticket, the taxpayers behind the caller's number and that caller's last
 * five tickets, pushed to the agent's own bridge address. Every pop is stored until the browser acknowledges
 * it, so a pop sent while the agent's browser was away is sent again when it reconnects.
 */
public final class PopService {

  private static final int HISTORY = 5;

  private final Pool pool;
  private final EventBus bus;
  private final Metrics.Counter sent;
  private final Metrics.Counter resent;
  private final Metrics.Histogram toSend;
  private final Metrics.Histogram toAck;

  public PopService(Pool pool, EventBus bus, Metrics metrics) {
    this.pool = pool;
    this.bus = bus;
    // A pop reaches its agent's bridge socket (on this node or the node the browser is connected to) as the same
    // frozen object, not as a deep copy of the ticket, the taxpayers and the history per consumer.
    FrozenFacts.register(bus);
    this.sent = metrics.counter("klip_pops_sent_total", "Screen-pops pushed to agents");
    this.resent = metrics.counter("klip_pops_resent_total", "Unacknowledged pops sent again on reconnect");
    this.toSend = metrics.histogram("klip_pop_send_latency_seconds", "AMI event to pop pushed on the event bus");
    this.toAck = metrics.histogram("klip_pop_ack_latency_seconds", "AMI event to pop acknowledged by the browser");
  }

  /** What a pop shows besides the ticket: the taxpayers behind the number, that caller's last tickets. */
  record Lookups(JsonArray taxpayers, JsonArray history) {
  }

  /**
   * Starts the lookups for a call's pop through the caller's batched reads; they need only the number, so they can
   * run before the ticket exists.
   */
  Future<Lookups> lookup(String phone, String callId, BatchedReads reads) {
    Future<JsonArray> taxpayers = reads.execute(TicketQueries.TAXPAYERS_BY_PHONE, Tuple.of(phone))
        .map(rows -> {
          JsonArray list = new JsonArray();
          rows.forEach(r -> list.add(TicketJson.taxpayer(r)));
          return list;
        });
    Future<JsonArray> history = reads.execute(TicketQueries.HISTORY_OF_OTHER_CALLS, Tuple.of(phone, callId, HISTORY))
        .map(rows -> {
          JsonArray list = new JsonArray();
          rows.forEach(r -> list.add(TicketJson.summary(r)));
          return list;
        });
    return Future.all(taxpayers, history).map(all -> new Lookups(taxpayers.result(), history.result()));
  }

  /**
   * Stores the pop for {@code ticket} (a full tickets row) through the caller's group commit and, once committed,
   * pushes it to the agent's bridge address.
   */
  Future<Long> pop(Row ticket, String agent, long eventAtMillis, Future<Lookups> lookups, GroupCommit writes) {
    long ticketId = ticket.getLong("id");
    JsonObject ticketJson = TicketJson.ticket(ticket);
    return lookups.compose(found -> {
      JsonObject payload = new JsonObject().put("type", "pop").put("ticket", ticketJson)
          .put("taxpayers", found.taxpayers()).put("history", found.history()).put("eventAt", eventAtMillis);
      return writes.execute("""
              INSERT INTO pops (ticket_id, agent_username, attempt, event_at, payload)
              VALUES ($1, $2, COALESCE((SELECT max(attempt) FROM pops WHERE ticket_id = $1), 0) + 1, $3, $4)
              RETURNING id
              """, Tuple.of(ticketId, agent, at(eventAtMillis), payload))
          .map(rows -> {
            long popId = rows.iterator().next().getLong("id");
            bus.publish(Addresses.agentPops(agent), FrozenFacts.freeze(payload.put("popId", popId)),
                FrozenFacts.ANY_NODE);
            bus.publish(Addresses.POP_SENT, new JsonObject().put("ticketId", ticketId).put("popId", popId)
                .put("agent", agent).put("callId", ticket.getString("call_id")));
            sent.inc();
            toSend.observeMillis(System.currentTimeMillis() - eventAtMillis);
            return popId;
          });
    });
  }

  /** Records the browser's acknowledgement; empty when the pop is not this agent's or was already acked. */
  public Future<Optional<Integer>> acknowledge(long popId, String agent) {
    return pool.preparedQuery("""
            UPDATE pops SET acked_at = clock_timestamp(),
              ack_latency_ms = GREATEST(0, (EXTRACT(EPOCH FROM clock_timestamp() - event_at) * 1000)::int)
            WHERE id = $1 AND agent_username = $2 AND acked_at IS NULL
            RETURNING ack_latency_ms
            """)
        .execute(Tuple.of(popId, agent))
        .map(rows -> {
          if (!rows.iterator().hasNext()) {
            return Optional.empty();
          }
          int ms = rows.iterator().next().getInteger("ack_latency_ms");
          toAck.observeMillis(ms);
          return Optional.of(ms);
        });
  }

  /** Sends again every pop this agent has not acknowledged whose call is still live. */
  public Future<Integer> resendPending(String agent) {
    return pool.preparedQuery("""
            SELECT p.id, p.payload FROM pops p JOIN tickets t ON t.id = p.ticket_id
            WHERE p.agent_username = $1 AND p.acked_at IS NULL AND t.call_status IN ('ringing', 'connected')
              AND t.agent_username = $1
              AND p.attempt = (SELECT max(attempt) FROM pops q WHERE q.ticket_id = p.ticket_id)
            ORDER BY p.id
            """)
        .execute(Tuple.of(agent))
        .map(rows -> {
          int n = 0;
          for (Row r : rows) {
            JsonObject payload = r.getJsonObject("payload").put("popId", r.getLong("id")).put("resent", true);
            bus.publish(Addresses.agentPops(agent), payload);
            n++;
          }
          resent.add(n);
          bus.publish(Addresses.POPS_RESENT, new JsonObject().put("agent", agent).put("count", n));
          return n;
        });
  }

  /** {@link #resendPending} for every agent with an unacknowledged pop of a live call; the pops sent again. */
  public Future<Integer> resendAllPending() {
    return pool.query("""
            SELECT DISTINCT p.agent_username FROM pops p JOIN tickets t ON t.id = p.ticket_id
            WHERE p.acked_at IS NULL AND t.call_status IN ('ringing', 'connected')
              AND t.agent_username = p.agent_username
            """)
        .execute()
        .compose(rows -> {
          List<Future<Integer>> each = new ArrayList<>();
          rows.forEach(r -> each.add(resendPending(r.getString(0))));
          return Future.all(each).map(all -> each.stream().mapToInt(Future::result).sum());
        });
  }

  static OffsetDateTime at(long millis) {
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }
}
