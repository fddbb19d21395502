package klip.audit;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import klip.http.HttpApi;
import klip.http.Requests;
import klip.http.SecuredRouter;

/** Reading the audit log and verifying its chain: administrators and quality assessors. */
public final class AuditApi implements HttpApi {

  private final AuditLog audit;

  public AuditApi(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/audit", ctx -> {
      long before = Requests.intQuery(ctx, "before", 0, 0, Integer.MAX_VALUE);
      int limit = Requests.intQuery(ctx, "limit", 100, 1, 500);
      String actor = blankToNull(ctx.queryParams().get("actor"), 100);
      String action = blankToNull(ctx.queryParams().get("action"), 100);
      return audit.list(before, actor, action, limit);
    });
    routes.json(HttpMethod.GET, "/audit/verify", ctx -> audit.verify()
        .compose(result -> audit.record(ctx, "audit.verified", "audit_log",
            new JsonObject().put("ok", result.getBoolean("ok")).put("checked", result.getLong("checked")))
            .map(v -> result)));
  }

  private static String blankToNull(String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.trim();
    return trimmed.length() > max ? trimmed.substring(0, max) : trimmed;
  }
}
