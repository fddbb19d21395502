package klip.tickets;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import klip.access.Principal;
import klip.http.AuditedChange;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;

/** The lifecycle's HTTP API: move a ticket along the SOP, and read where it stands. */
public final class LifecycleApi implements HttpApi {

  private final LifecycleService lifecycle;
  private final TicketAccess access;

  public LifecycleApi(LifecycleService lifecycle, TicketAccess access) {
    this.lifecycle = lifecycle;
    this.access = access;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.change(HttpMethod.POST, "/tickets/:id/transitions", RequestSchema.body(Transition.schema())
        .path("id", Fields.id()), this::transition);
    routes.json(HttpMethod.GET, "/tickets/:id/lifecycle", RequestSchema.id("id"), this::view);
  }

  private Future<JsonObject> transition(RoutingContext ctx) {
    RequestInput input = RequestInput.of(ctx);
    long id = input.pathId("id");
    Transition transition = Transition.from(input.body());
    return lifecycle.transition(id, transition, Principal.of(ctx), conn -> AuditedChange.within(ctx, conn)).compose(change -> lifecycle.view(id));
  }

  private Future<JsonObject> view(RoutingContext ctx) {
    long id = RequestInput.of(ctx).pathId("id");
    Principal me = Principal.of(ctx);
    return lifecycle.view(id)
        .compose(ticket -> access.requireVisible(me, id, ticket.getString("agent")).map(ticket));
  }
}
