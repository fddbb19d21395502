package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.Schemas;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.access.Principal;
import klip.http.ApiError;
import klip.http.AuditedChange;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;
import klip.tickets.Tickets;

import java.util.Set;
import java.util.UUID;

/** The escalation desk's and the demo directorate inbox's HTTP API. */
final class EscalationApi implements HttpApi {

  private static final Set<String> STATUSES = Set.of("new", "forwarding", "forwarded", "forward_failed",
      "directorate_replied", "answered");

  private final Pool pool;
  private final EscalationService escalations;
  private final Tickets tickets;
  private final DeskRows deskRows;

  EscalationApi(Pool pool, EscalationService escalations, Tickets tickets, DeskRows deskRows) {
    this.pool = pool;
    this.deskRows = deskRows;
    this.tickets = tickets;
    this.escalations = escalations;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/escalations", RequestSchema.none()
        .query("status", Fields.oneOf(STATUSES.stream().sorted().toArray(String[]::new)))
        .query("limit", Fields.whole(1, 500, 100)), this::list);
    routes.json(HttpMethod.GET, "/escalations/:id", byId(), ctx -> escalations.get(uuid(ctx)));
    routes.change(HttpMethod.POST, "/escalations/:id/forward", byId(),
        ctx -> escalations.forward(uuid(ctx), Principal.of(ctx), AuditedChange.inTransaction(ctx)));
    routes.change(HttpMethod.POST, "/escalations/:id/answer", answer(), ctx -> {
      UUID id = uuid(ctx);
      return escalations.answer(id, RequestInput.of(ctx).text("answer"), Principal.of(ctx),
          AuditedChange.inTransaction(ctx));
    });
    routes.json(HttpMethod.GET, "/directorate/inbox", RequestSchema.none().query("limit", Fields.whole(1, 500, 100)),
        ctx -> pool.preparedQuery(EscalationQueries.DIRECTORATE_INBOX)
        .execute(Tuple.of(RequestInput.of(ctx).queryInt("limit")))
        .compose(rows -> EscalationJson.withTickets(rows, tickets)));
    routes.change(HttpMethod.POST, "/directorate/inbox/:id/reply", answer(), ctx -> {
      UUID id = uuid(ctx);
      return escalations.directorateReply(id, RequestInput.of(ctx).text("answer"), AuditedChange.inTransaction(ctx));
    });
  }

  /** Escalations are named by UUID. */
  private static RequestSchema byId() {
    return RequestSchema.none().path("id", Schemas.stringSchema().withKeyword("format", "uuid"));
  }

  private static RequestSchema answer() {
    return RequestSchema.body(Schemas.objectSchema().requiredProperty("answer", Fields.requiredText(8000)))
        .path("id", Schemas.stringSchema().withKeyword("format", "uuid"));
  }

  private Future<JsonArray> list(RoutingContext ctx) {
    RequestInput input = RequestInput.of(ctx);
    return escalations.list(input.query("status"), input.queryInt("limit")).compose(deskRows::complete);
  }

  /** The schema checked the format; Java's reading of a UUID is narrower (no "urn:uuid:" prefix). */
  static UUID uuid(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("Parameter 'id' harus berupa UUID eskalasi");
    }
  }

}
