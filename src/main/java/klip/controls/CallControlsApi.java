package klip.controls;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import klip.Addresses;
import klip.access.Principal;
import klip.http.ApiError;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;
import klip.tickets.TicketSummary;
import klip.tickets.Tickets;

import java.time.Instant;

/**
 * Call controls of the agent on their own live call, as AMI actions on the agent's channel of that call: hang up.
 * The channel is the one Asterisk has live now (telephony's model), never one the browser names; a call that is
 * gone answers 409. What follows (the call's end) reaches the desk as the usual call facts; the agent's action is
 * written to the ticket's timeline.
 */
public final class CallControlsApi implements HttpApi {

  private final EventBus bus;
  private final Tickets tickets;

  public CallControlsApi(EventBus bus, Tickets tickets) {
    this.bus = bus;
    this.tickets = tickets;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.POST, "/tickets/:id/hangup", RequestSchema.id("id"), this::hangup);
  }

  private Future<JsonObject> hangup(RoutingContext ctx) {
    Principal me = Principal.of(ctx);
    long id = RequestInput.of(ctx).pathId("id");
    return ownTicket(me, id).compose(ticket -> agentChannel(ticket)
        .compose(channel -> bus.<JsonObject>request(Addresses.CHANNEL_HANGUP, new JsonObject().put("channel", channel))
            .recover(err -> Future.failedFuture(refusal(err)))
            .compose(reply -> tickets.addToTimeline(id, Instant.now(), me.username(), "agent_hangup",
                new JsonObject().put("channel", channel)))
            .map(v -> new JsonObject().put("ticketId", id).put("hungUp", channel))));
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

  /** The agent's channel of the ticket's call as Asterisk has it now; 409 when the call or the channel is gone. */
  private Future<String> agentChannel(TicketSummary ticket) {
    return bus.<JsonArray>request(Addresses.CALLS_SNAPSHOT, null).map(reply -> {
      for (Object o : reply.body()) {
        JsonObject call = (JsonObject) o;
        if (call.getString("callId").equals(ticket.callId()) && !call.getBoolean("ended", false)
            && call.getString("agentChannel") != null) {
          return call.getString("agentChannel");
        }
      }
      throw gone();
    });
  }

  private static ApiError gone() {
    return ApiError.conflict("Panggilan ini sudah berakhir");
  }

  private static Throwable refusal(Throwable err) {
    if (err instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && re.failureCode() == 409) {
      return gone();
    }
    return new ApiError(503, "PBX tidak dapat dihubungi saat ini; coba lagi sebentar lagi");
  }
}
