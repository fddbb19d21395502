package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.access.Principal;
import klip.tickets.Tickets;
import klip.http.ApiError;
import klip.http.HttpApi;
import klip.http.Requests;
import klip.http.SecuredRouter;

import java.util.Set;
import java.util.UUID;

/** The escalation desk's and the demo directorate inbox's HTTP API. */
final class EscalationApi implements HttpApi {

  private static final Set<String> STATUSES = Set.of("new", "forwarding", "forwarded", "forward_failed",
      "directorate_replied", "answered");

  private final Pool pool;
  private final EscalationService escalations;
  private final Tickets tickets;

  EscalationApi(Pool pool, EscalationService escalations, Tickets tickets) {
    this.pool = pool;
    this.tickets = tickets;
    this.escalations = escalations;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/escalations", this::list);
    routes.json(HttpMethod.GET, "/escalations/:id", ctx -> escalations.get(uuid(ctx)));
    routes.json(HttpMethod.POST, "/escalations/:id/forward",
        ctx -> escalations.forward(uuid(ctx), Principal.of(ctx)));
    routes.json(HttpMethod.POST, "/escalations/:id/answer", ctx -> {
      UUID id = uuid(ctx);
      String answer = Requests.requiredString(Requests.jsonBody(ctx), "answer", 8000);
      return escalations.answer(id, answer, Principal.of(ctx));
    });
    routes.json(HttpMethod.GET, "/directorate/inbox", ctx -> pool.preparedQuery(EscalationQueries.DIRECTORATE_INBOX)
        .execute(Tuple.of(Requests.intQuery(ctx, "limit", 100, 1, 500)))
        .compose(rows -> EscalationJson.withTickets(rows, tickets)));
    routes.json(HttpMethod.POST, "/directorate/inbox/:id/reply", ctx -> {
      UUID id = uuid(ctx);
      String reply = Requests.requiredString(Requests.jsonBody(ctx), "answer", 8000);
      return escalations.directorateReply(id, reply);
    });
  }

  private Future<JsonArray> list(RoutingContext ctx) {
    String status = ctx.queryParams().get("status");
    if (status != null && !STATUSES.contains(status)) {
      throw ApiError.badRequest("Status eskalasi '" + status + "' tidak dikenal; pilih dari " + STATUSES);
    }
    return escalations.list(status, Requests.intQuery(ctx, "limit", 100, 1, 500));
  }

  static UUID uuid(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApiError.badRequest("Parameter 'id' harus berupa UUID eskalasi (escalation UUID expected)");
    }
  }

}
