package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.access.Principal;
import klip.access.Roles;
import klip.telephony.OriginateOutcome;
import klip.telephony.OriginateRequest;
import klip.tickets.Tickets;
import klip.http.ApiError;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * Calls the taxpayer back with the directorate's answer: an AMI Originate through telephony that rings the
 * agent's own phone first and, once they pick up, dials the caller's number from the {@code callback} context.
 * The attempt and its outcome are recorded: "originated" once the agent's phone answered, "failed" with the
 * reason when it could not be rung or was not answered (the request then fails with that reason); the agent
 * then marks the answer delivered.
 */
final class CallbackService {

  static final String CONTEXT = "callback";
  static final String CALLER_ID = "KLIP Kring Pajak <1500200>";
  private static final long RING_TIMEOUT_MS = 30_000;
  /** Telephony answers at most its own grace period after the ring timeout. */
  private static final long ORIGINATE_REPLY_GRACE_MS = 20_000;

  private final Pool pool;
  private final EventBus bus;
  private final Tickets tickets;

  CallbackService(Pool pool, EventBus bus, Tickets tickets) {
    this.pool = pool;
    this.tickets = tickets;
    this.bus = bus;
  }

  /** {@code audit} appends the request's audit entry with the callback's row, before Asterisk dials. */
  Future<JsonObject> call(long ticketId, Principal me, Function<SqlConnection, Future<Void>> audit) {
    if (me.phoneInterface() == null) {
      throw ApiError.conflict("Anda tidak memiliki telepon terdaftar");
    }
    return tickets.byId(ticketId)
        .compose(ticket -> {
          if (ticket == null) {
            throw ApiError.notFound("Tiket " + ticketId + " tidak ditemukan");
          }
          if (me.hasRole(Roles.AGENT) && !me.username().equals(ticket.agent())) {
            throw ApiError.forbidden("Tiket ini bukan milik Anda");
          }
          if (!"directorate_answered".equals(ticket.status())) {
            throw ApiError.conflict("Panggilan balik hanya setelah jawaban Direktorat diterima");
          }
          String number = ticket.callerNumber().replaceAll("[^0-9+]", "");
          if (number.length() < 4) {
            throw ApiError.conflict("Nomor penelepon tidak diketahui");
          }
          return pool.withTransaction(tx -> tx.preparedQuery("""
                  INSERT INTO callbacks (ticket_id, agent_username, agent_channel, number) VALUES ($1, $2, $3, $4)
                  RETURNING id
                  """).execute(Tuple.of(ticketId, me.username(), me.phoneInterface(), number))
                  .compose(ins -> audit.apply(tx).map(ins.iterator().next().getLong("id"))))
              .compose(callbackId -> originate(callbackId, ticketId, me, number));
        });
  }

  private Future<JsonObject> originate(long callbackId, long ticketId, Principal me, String number) {
    OriginateRequest request = new OriginateRequest(me.phoneInterface(), CONTEXT, number, 1, null, null, CALLER_ID,
        RING_TIMEOUT_MS, Map.of("KLIP_TICKET", String.valueOf(ticketId), "KLIP_CALLBACK", String.valueOf(callbackId)));
    // Telephony replies with the OriginateResponse: once the agent's phone answered, or when it failed.
    return bus.<JsonObject>request(Addresses.ORIGINATE, request.toJson(),
            new DeliveryOptions().setSendTimeout(RING_TIMEOUT_MS + ORIGINATE_REPLY_GRACE_MS))
        .transform(ar -> {
          String outcome = ar.succeeded() ? "originated" : "failed";
          String reason = ar.succeeded() ? null : OriginateOutcome.codeOf(ar.cause());
          String detail = ar.succeeded() ? String.valueOf(ar.result().body()) : reason + ": " + ar.cause().getMessage();
          return pool.preparedQuery("UPDATE callbacks SET outcome = $2, detail = $3 WHERE id = $1")
              .execute(Tuple.of(callbackId, outcome, detail))
              .compose(v -> reason == null ? Future.<Void>succeededFuture()
                  : tickets.addToTimeline(ticketId, Instant.now(), me.username(), "callback_failed", new JsonObject()
                      .put("callbackId", callbackId).put("reason", reason).put("phoneInterface", me.phoneInterface())))
              .map(v -> {
                if (reason != null) {
                  throw new ApiError(502, "Panggilan balik gagal: " + OriginateOutcome.describe(reason),
                      "originate." + reason);
                }
                return new JsonObject().put("callbackId", callbackId).put("ticketId", ticketId)
                    .put("channel", me.phoneInterface()).put("number", number).put("outcome", outcome)
                    .put("detail", detail);
              });
        });
  }
}
