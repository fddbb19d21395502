package klip.controls;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.Schemas;
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
 * The agent's own state at the desk: read it (as the queue reports it) and set it (ready, not ready, a break with
 * its reason), which becomes an AMI QueuePause of the agent's phone in every queue. The answer says Asterisk
 * accepted the change; the desk shows the state when the queue's event comes back.
 */
public final class AgentControlsApi implements HttpApi {

  private final EventBus bus;

  public AgentControlsApi(EventBus bus) {
    this.bus = bus;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/agent/state", this::state);
    routes.change(HttpMethod.PUT, "/agent/state", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("state", Fields.oneOf("ready", "not_ready", "break"))
        .optionalProperty("reason", Fields.optionalOneOf(AgentState.BreakReason.codes()))), this::setState);
  }

  private Future<JsonObject> state(RoutingContext ctx) {
    return phone(ctx).compose(phone -> bus.<JsonObject>request(Addresses.CONTROLS_AGENT_STATE,
        new JsonObject().put("interface", phone)).map(m -> m.body()));
  }

  private Future<JsonObject> setState(RoutingContext ctx) {
    RequestInput in = RequestInput.of(ctx);
    String state = in.text("state");
    String reason = in.text("reason");
    if ("break".equals(state) && reason == null) {
      return Future.failedFuture(ApiError.badRequest("Pilih alasan istirahat"));
    }
    boolean paused = !"ready".equals(state);
    String queueReason = "not_ready".equals(state) ? AgentState.NOT_READY_REASON : reason;
    return phone(ctx).compose(phone -> AuditedChange.beforeEffect(ctx, new JsonObject().put("state", state))
        .compose(v -> bus.<JsonObject>request(Addresses.MEMBER_PAUSE, new JsonObject()
            .put("interface", phone).put("paused", paused).put("reason", paused ? queueReason : null))
        .map(m -> new JsonObject().put("state", state).put("reason", paused ? queueReason : null))
        .recover(err -> Future.failedFuture(refusal(err, phone)))));
  }

  private static Future<String> phone(RoutingContext ctx) {
    String phone = Principal.of(ctx).phoneInterface();
    return phone == null || phone.isBlank()
        ? Future.failedFuture(ApiError.conflict("Akun Anda tidak memiliki telepon di PBX; hubungi admin"))
        : Future.succeededFuture(phone);
  }

  private static Throwable refusal(Throwable err, String phone) {
    if (err instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && re.failureCode() == 409) {
      return ApiError.conflict("PBX menolak: telepon Anda (" + phone + ") bukan anggota antrean");
    }
    return new ApiError(503, "PBX tidak dapat dihubungi saat ini; coba lagi sebentar lagi");
  }
}
