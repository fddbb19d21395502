package klip.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.common.dsl.Schemas;
import klip.access.Principal;
import klip.http.ApiError;
import klip.http.AuditedChange;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;
import klip.identity.AgentDirectory;
import klip.pbx.SimulatedPbx;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The demo's "ring a call" control, present only when the server runs its own simulated PBX: a taxpayer's
 * call enters the queue and rings the next free agent; the simulated phone answers after a few seconds
 * and the caller hangs up a few minutes later, so a newcomer sees the whole flow.
 */
public final class DemoApi implements HttpApi {

  private static final long ANSWER_AFTER_MS = 4_000;
  private static final long HANG_UP_AFTER_MS = 180_000;

  private final Vertx vertx;
  private final SimulatedPbx pbx;
  private final AgentDirectory agents;
  /** Read once here, not on the event loop at every ring. */
  private final JsonArray demoCallers = DemoData.taxpayers();

  public DemoApi(Vertx vertx, SimulatedPbx pbx, AgentDirectory agents) {
    this.vertx = vertx;
    this.pbx = pbx;
    this.agents = agents;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/demo", ctx -> Future.succeededFuture(new JsonObject().put("enabled", true)));
    routes.change(HttpMethod.POST, "/demo/ring", RequestSchema.body(Schemas.objectSchema()
        .optionalProperty("callerNumber", Fields.text(20))
        .optionalProperty("callerName", Fields.text(100))).optionalBody(), ctx -> {
      RequestInput input = RequestInput.of(ctx);
      JsonObject caller = pickCaller(input.text("callerNumber"), input.text("callerName"));
      return AuditedChange.beforeEffect(ctx, new JsonObject().put("callerNumber", caller.getString("number")))
          .compose(v -> pbx.ringNextAvailable(caller.getString("number"), caller.getString("name"))
              // Every demo agent busy is a state of the floor, not a server fault.
              .recover(err -> Future.failedFuture(ApiError.conflict("Tidak ada agen yang tersedia saat ini"))))
          .map(handle -> {
        vertx.setTimer(ANSWER_AFTER_MS, id -> handle.answer()
            .onSuccess(v -> vertx.setTimer(HANG_UP_AFTER_MS, id2 -> handle.hangup())));
        return new JsonObject().put("callId", handle.linkedid()).put("callerNumber", caller.getString("number"))
            .put("callerName", caller.getString("name"))
            .put("agent", agents.byInterface(handle.iface()).map(Principal::username).orElse(handle.iface()));
      });
    });
  }

  private JsonObject pickCaller(String number, String name) {
    if (number != null && !number.isEmpty()) {
      return new JsonObject().put("number", number).put("name", name == null ? "" : name);
    }
    JsonArray taxpayers = demoCallers;
    JsonObject tp = taxpayers.getJsonObject(ThreadLocalRandom.current().nextInt(taxpayers.size()));
    return new JsonObject().put("number", tp.getJsonArray("phones").getString(0)).put("name", tp.getString("name"));
  }

}
