package klip.tickets;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import klip.identity.Principal;
import klip.identity.Roles;
import klip.web.ApiError;
import klip.web.HttpApi;
import klip.web.Requests;
import klip.web.SecuredRouter;

/** The lifecycle's HTTP API: move a ticket along the SOP, and read where it stands. */
public final class LifecycleApi implements HttpApi {

  private final LifecycleService lifecycle;

  public LifecycleApi(LifecycleService lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.POST, "/tickets/:id/transitions", this::transition);
    routes.json(HttpMethod.GET, "/tickets/:id/lifecycle", this::view);
  }

  private Future<JsonObject> transition(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id");
    Transition transition = Transition.from(Requests.jsonBody(ctx));
    return lifecycle.transition(id, transition, Principal.of(ctx)).compose(change -> lifecycle.view(id));
  }

  private Future<JsonObject> view(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id");
    Principal me = Principal.of(ctx);
    return lifecycle.view(id).map(ticket -> {
      if (me.hasRole(Roles.AGENT) && !me.username().equals(ticket.getString("agent"))) {
        throw ApiError.forbidden("Tiket ini bukan milik Anda (not your ticket)");
      }
      return ticket;
    });
  }
}
