package klip.audit;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;

/** Reading the audit log and verifying its chain: administrators and quality assessors. */
public final class AuditApi implements HttpApi {

  private final AuditLog audit;

  public AuditApi(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/audit", RequestSchema.none()
        .query("before", Fields.whole(0, Integer.MAX_VALUE, 0)).query("limit", Fields.whole(1, 500, 100))
        .query("actor", Fields.text(100)).query("action", Fields.text(100)), ctx -> {
          RequestInput in = RequestInput.of(ctx);
          return audit.list(in.queryInt("before"), trimmed(in.query("actor")), trimmed(in.query("action")),
              in.queryInt("limit"));
        });
    routes.json(HttpMethod.GET, "/audit/verify", ctx -> audit.verify()
        .compose(result -> audit.record(ctx, "audit.verified", "audit_log",
            new JsonObject().put("ok", result.getBoolean("ok")).put("checked", result.getLong("checked")))
            .map(v -> result)));
  }

  private static String trimmed(String value) {
    return value == null ? null : value.trim();
  }
}
