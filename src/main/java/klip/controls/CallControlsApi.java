package klip.controls;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.Schemas;
import klip.Addresses;
import klip.access.Principal;
import klip.identity.AgentDirectory;
import klip.http.ApiError;
import klip.http.AuditedChange;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;
import klip.tickets.TicketSummary;
import klip.tickets.Tickets;

import java.time.Instant;

/**
 * Call controls of the agent on their own live call, as AMI actions on the channels of that call: hang up the
 * agent's channel, hold (Redirect of caller and agent to the hold context) and take off hold (Bridge).
 * The channel is the one Asterisk has live now (telephony's model), never one the browser names; a call that is
 * gone answers 409. What follows (the call's end) reaches the desk as the usual call facts; the agent's action is
 * written to the ticket's timeline. A transfer (AMI BlindTransfer, to the queue or to the agent's team leader) is
 * written there by the tickets capability from Asterisk's BlindTransfer event, so it is there whoever started it.
 */
public final class CallControlsApi implements HttpApi {

  private final EventBus bus;
  private final Tickets tickets;
  private final AgentDirectory users;

  public CallControlsApi(EventBus bus, Tickets tickets, AgentDirectory users) {
    this.bus = bus;
    this.tickets = tickets;
    this.users = users;
  }

  @Override
  public void mount(SecuredRouter routes) {
    // Asterisk's actions share no transaction with us: each entry is committed once the checks passed, before
    // the action goes out.
    routes.change(HttpMethod.POST, "/tickets/:id/hangup", RequestSchema.id("id"), this::hangup);
    routes.change(HttpMethod.POST, "/tickets/:id/hold", RequestSchema.id("id"), ctx -> hold(ctx, true));
    routes.change(HttpMethod.POST, "/tickets/:id/unhold", RequestSchema.id("id"), ctx -> hold(ctx, false));
    routes.change(HttpMethod.POST, "/tickets/:id/transfer", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("to", Fields.oneOf("queue", "leader"))).path("id", Fields.id()), this::transfer);
  }

  /**
   * Blind transfer of the agent's live call back to the queue or to their team leader's phone: the agent's leg
   * leaves the call, the ticket follows the call to whoever rings next. 409 when the call is gone, on hold, or the
   * agent's team has no team leader with a phone.
   */
  private Future<JsonObject> transfer(RoutingContext ctx) {
    Principal me = Principal.of(ctx);
    long id = RequestInput.of(ctx).pathId("id");
    String to = RequestInput.of(ctx).text("to");
    return ownTicket(me, id).compose(ticket -> liveCall(ticket).compose(call -> {
      JsonObject request = new JsonObject().put("agentChannel", call.getString("agentChannel"))
          .put("callerChannel", call.getString("queuedChannel")).put("target", to);
      if ("leader".equals(to)) {
        Principal leader = users.teamLeaderWithPhone(me.team()).orElse(null);
        if (leader == null || call.getString("queuedChannel") == null) {
          return Future.failedFuture(ApiError.conflict("Tidak ada Team Leader dengan telepon di tim Anda; "
              + "alihkan ke antrean"));
        }
        request.put("leaderUsername", leader.username()).put("leaderInterface", leader.phoneInterface());
      }
      return AuditedChange.beforeEffect(ctx, new JsonObject().put("to", to)
              .put("leader", request.getString("leaderUsername")))
          .compose(v -> bus.<JsonObject>request(Addresses.CALL_TRANSFER, request))
          .recover(err -> Future.failedFuture(transferRefused(err)))
          .map(v -> new JsonObject().put("ticketId", id).put("to", to)
              .put("leader", request.getString("leaderUsername")));
    }));
  }

  private Future<JsonObject> hangup(RoutingContext ctx) {
    Principal me = Principal.of(ctx);
    long id = RequestInput.of(ctx).pathId("id");
    return ownTicket(me, id).compose(ticket -> liveCall(ticket).map(call -> call.getString("agentChannel"))
        .compose(channel -> AuditedChange.beforeEffect(ctx, new JsonObject().put("channel", channel))
            .compose(v -> bus.<JsonObject>request(Addresses.CHANNEL_HANGUP, new JsonObject().put("channel", channel)))
            .recover(err -> Future.failedFuture(refusal(err, null)))
            .compose(reply -> tickets.addToTimeline(id, Instant.now(), me.username(), "agent_hangup",
                new JsonObject().put("channel", channel)))
            .map(v -> new JsonObject().put("ticketId", id).put("hungUp", channel))));
  }

  /** Hold (the caller to music on hold, the agent's leg waiting) or back to talking; both on the timeline. */
  private Future<JsonObject> hold(RoutingContext ctx, boolean hold) {
    Principal me = Principal.of(ctx);
    long id = RequestInput.of(ctx).pathId("id");
    return ownTicket(me, id).compose(ticket -> liveCall(ticket).compose(call -> {
      String caller = call.getString("queuedChannel");
      if (caller == null) {
        return Future.failedFuture(ApiError.conflict("Panggilan ini tidak dapat ditahan: saluran penelepon tidak "
            + "diketahui"));
      }
      JsonObject channels = new JsonObject().put("callerChannel", caller)
          .put("agentChannel", call.getString("agentChannel"));
      return AuditedChange.beforeEffect(ctx, channels)
          .compose(v -> bus.<JsonObject>request(Addresses.CALL_HOLD, channels.copy().put("hold", hold)))
          .recover(err -> Future.failedFuture(refusal(err, hold)))
          .compose(reply -> tickets.addToTimeline(id, Instant.now(), me.username(),
              hold ? "call_hold" : "call_unhold", channels))
          .map(v -> new JsonObject().put("ticketId", id).put("held", hold));
    }));
  }

  private Future<TicketSummary> ownTicket(Principal me, long id) {
    return tickets.byId(id).compose(ticket -> {
      if (ticket == null) {
        return Future.failedFuture(ApiError.notFound("Tiket " + id + " tidak ditemukan"));
      }
      if (!me.username().equals(ticket.agent())) {
        return Future.failedFuture(ApiError.forbidden("Tiket " + id + " bukan panggilan Anda"));
      }
      return Future.succeededFuture(ticket);
    });
  }

  /** The ticket's call as Asterisk has it now, with the agent's channel; 409 when the call or the channel is gone. */
  private Future<JsonObject> liveCall(TicketSummary ticket) {
    return bus.<JsonArray>request(Addresses.CALLS_SNAPSHOT, null).map(reply -> {
      for (Object o : reply.body()) {
        JsonObject call = (JsonObject) o;
        if (call.getString("callId").equals(ticket.callId()) && !call.getBoolean("ended", false)
            && call.getString("agentChannel") != null) {
          return call;
        }
      }
      throw gone();
    });
  }

  private static ApiError gone() {
    return ApiError.conflict("Panggilan ini sudah berakhir");
  }

  private static Throwable transferRefused(Throwable err) {
    if (err instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && re.failureCode() == 409) {
      return ApiError.conflict("Panggilan tidak dapat dialihkan: sedang ditahan atau sudah berakhir");
    }
    return new ApiError(503, "PBX tidak dapat dihubungi saat ini; coba lagi sebentar lagi");
  }

  /** {@code hold}: null for a hang-up; a refused hold means it was held already, an unhold that it was not. */
  private static Throwable refusal(Throwable err, Boolean hold) {
    if (err instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && re.failureCode() == 409) {
      if (hold == null) {
        return gone();
      }
      return ApiError.conflict(hold ? "Panggilan tidak dapat ditahan: sudah ditahan atau sudah berakhir"
          : "Panggilan tidak sedang ditahan");
    }
    return new ApiError(503, "PBX tidak dapat dihubungi saat ini; coba lagi sebentar lagi");
  }
}
