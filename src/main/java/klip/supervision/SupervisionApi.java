package klip.supervision;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.Schemas;
import io.vertx.json.schema.common.dsl.StringSchemaBuilder;
import klip.Addresses;
import klip.access.Principal;
import klip.http.ApiError;
import klip.http.AuditedChange;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;

/**
 * The board's HTTP side: the whole board of the team leader's team (what a browser reads on (re)connect),
 * joining a live call, raising and lowering a hand. The supervision verticle owns the state; this asks it.
 */
public final class SupervisionApi implements HttpApi {

  private static final long JOIN_REPLY_TIMEOUT_MS = 60_000;

  private static final StringSchemaBuilder CALL_ID = Schemas.stringSchema()
      .withKeyword("pattern", "^[0-9A-Za-z._-]{1,64}$");

  private final EventBus bus;

  public SupervisionApi(EventBus bus) {
    this.bus = bus;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/board", ctx -> ask(Addresses.SUPERVISION_BOARD,
        new JsonObject().put("team", Principal.of(ctx).team())));
    // The supervision verticle owns these: the change's audit entry travels with the request, and the verticle
    // appends it in the change's transaction (or, for an action in Asterisk, on its own just before it).
    routes.change(HttpMethod.POST, "/board/calls/:callId/join", RequestSchema.body(Schemas.objectSchema()
            .requiredProperty("mode", Fields.requiredText(16)))
        .path("callId", CALL_ID), this::join);
    routes.change(HttpMethod.POST, "/board/calls/:callId/leave", RequestSchema.body(Schemas.objectSchema())
        .path("callId", CALL_ID), ctx -> audited(ctx, Addresses.SUPERVISION_LEAVE,
            as(ctx).put("callId", ctx.pathParam("callId"))));
    routes.change(HttpMethod.POST, "/hands", RequestSchema.body(Schemas.objectSchema()
        .optionalProperty("note", Fields.text(500))), ctx -> audited(ctx, Addresses.SUPERVISION_RAISE_HAND, as(ctx)
        .put("note", RequestInput.of(ctx).text("note"))));
    routes.change(HttpMethod.POST, "/hands/:id/lower", RequestSchema.id("id"), ctx -> audited(ctx,
        Addresses.SUPERVISION_LOWER_HAND, as(ctx).put("handId", RequestInput.of(ctx).pathId("id"))));
  }

  private Future<JsonObject> join(RoutingContext ctx) {
    String callId = ctx.pathParam("callId");
    String mode = SpyMode.parse(RequestInput.of(ctx).text("mode")).label();
    return audited(ctx, Addresses.SUPERVISION_JOIN, as(ctx).put("callId", callId).put("mode", mode));
  }

  private Future<JsonObject> audited(RoutingContext ctx, String address, JsonObject body) {
    return ask(address, body.put("audit", AuditedChange.handOver(ctx)));
  }

  private static JsonObject as(RoutingContext ctx) {
    return new JsonObject().put("principal", Principal.of(ctx).toJson());
  }

  /** The verticle's refusals carry the HTTP status as their failure code. */
  private Future<JsonObject> ask(String address, JsonObject body) {
    // A join is answered once the team leader's phone answered or failed: up to its ring timeout and more.
    return bus.<JsonObject>request(address, body, new DeliveryOptions().setSendTimeout(JOIN_REPLY_TIMEOUT_MS)).map(m -> m.body()).recover(err -> {
      if (err instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
          && re.failureCode() >= 400 && re.failureCode() < 600) {
        return Future.failedFuture(ApiError.fromReply(re.failureCode(), re.getMessage()));
      }
      return Future.failedFuture(err);
    });
  }
}
