package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.access.Principal;
import klip.tickets.LifecycleService;
import klip.tickets.TicketStatus;
import klip.tickets.Tickets;
import klip.tickets.Transition;
import klip.http.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;
import java.util.function.Function;

/** The desk's work on an escalation: forward it to the directorate, take the reply, hand the answer back. */
final class EscalationService {

  private static final Logger log = LoggerFactory.getLogger(EscalationService.class);

  private final Pool pool;
  private final EventBus bus;
  private final LifecycleService lifecycle;
  private final DirectorateChannel channel;
  private final Tickets tickets;

  EscalationService(Pool pool, EventBus bus, LifecycleService lifecycle, DirectorateChannel channel,
                    Tickets tickets) {
    this.pool = pool;
    this.tickets = tickets;
    this.bus = bus;
    this.lifecycle = lifecycle;
    this.channel = channel;
  }

  Future<JsonArray> list(String status, int limit) {
    return pool.preparedQuery(EscalationQueries.LIST).execute(Tuple.of(status, limit))
        .compose(rows -> EscalationJson.withTickets(rows, tickets));
  }

  Future<JsonObject> get(UUID id) {
    return pool.preparedQuery(EscalationQueries.BY_ID).execute(Tuple.of(id)).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        throw ApiError.notFound("Eskalasi " + id + " tidak ditemukan");
      }
      return EscalationJson.withTickets(rows, tickets).map(list -> list.getJsonObject(0));
    });
  }

  /**
   * Marks the escalation as being forwarded and hands it to the channel; the answer comes at once, the
   * channel's retries (a webhook's) finish in the background and the desk sees the outcome live.
   */
  Future<JsonObject> forward(UUID id, Principal desk, Function<SqlConnection, Future<Void>> audit) {
    return pool.withTransaction(tx -> tx.preparedQuery(EscalationQueries.FORWARDING)
            .execute(Tuple.of(id, channel.name(), desk.username()))
            .compose(rows -> rows.iterator().hasNext() ? audit.apply(tx).map(true) : Future.succeededFuture(false)))
        .compose(moved -> {
          if (!moved) {
            return get(id).map(e -> {
              throw ApiError.conflict("Eskalasi berstatus '" + e.getString("status") + "', tidak dapat diteruskan");
            });
          }
          return get(id);
        })
        .onSuccess(this::send);
  }

  /**
   * Forwards left unfinished by a stopped server (a webhook still retrying) are sent again on start; the
   * escalation id travels as the idempotency key, so the directorate sees one case either way.
   */
  Future<Void> resumeForwarding() {
    return pool.query(EscalationQueries.UNFINISHED_FORWARDS).execute().map(rows -> {
      rows.forEach(r -> {
        log.info("Escalation {}: resuming an unfinished forward", r.getUUID("id"));
        get(r.getUUID("id")).onSuccess(this::send);
      });
      return null;
    });
  }

  private void send(JsonObject escalation) {
    UUID id = UUID.fromString(escalation.getString("escalationId"));
    channel.forward(escalation).onComplete(ar -> {
      String status = ar.succeeded() ? "forwarded" : "forward_failed";
      Integer attempts = ar.succeeded() ? ar.result() : null;
      String error = ar.succeeded() ? null : ar.cause().getMessage();
      pool.preparedQuery(EscalationQueries.FORWARD_RESULT).execute(Tuple.of(id, status, attempts, error))
          .onSuccess(v -> bus.publish(Addresses.ESCALATION_DESK, new JsonObject().put("type", status)
              .put("escalationId", id.toString()).put("ticketId", escalation.getLong("ticketId"))
              .put("error", error)))
          .onFailure(err -> log.error("Escalation {}: recording the forward outcome failed", id, err));
    });
  }

  /** The demo directorate's reply, as the external system would send it back: shown to the desk live. */
  Future<JsonObject> directorateReply(UUID id, String reply, Function<SqlConnection, Future<Void>> audit) {
    return pool.withTransaction(tx -> tx.preparedQuery(EscalationQueries.DIRECTORATE_REPLY).execute(Tuple.of(id, reply))
        .compose(rows -> {
          if (!rows.iterator().hasNext()) {
            throw ApiError.conflict("Eskalasi " + id + " tidak menunggu jawaban Direktorat");
          }
          return audit.apply(tx).map(rows.iterator().next().getLong("ticket_id"));
        })).compose(ticketId -> {
          bus.publish(Addresses.ESCALATION_DESK, new JsonObject().put("type", "directorate_reply")
              .put("escalationId", id.toString()).put("ticketId", ticketId).put("reply", reply));
          return get(id);
        });
  }

  /** The desk records the directorate's answer on the ticket and hands it back to the ticket's agent. */
  Future<JsonObject> answer(UUID id, String answer, Principal desk, Function<SqlConnection, Future<Void>> audit) {
    return get(id).compose(e -> lifecycle.transition(e.getLong("ticketId"),
            Transition.internal(TicketStatus.DIRECTORATE_ANSWERED, answer, Transition.SOURCE_DIRECTORATE, null,
                new JsonObject().put("escalationId", id.toString())), desk, audit))
        .compose(change -> get(id));
  }
}
