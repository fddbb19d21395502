package klip.access;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The signed-in person behind a request or a bridge socket: what every authorization check reads. */
public record Principal(String username, String displayName, String role, String team, String phoneInterface) {

  static final String CONTEXT_KEY = "klip.principal";

  public static Principal of(RoutingContext ctx) {
    return ctx.get(CONTEXT_KEY);
  }

  /** Makes this the request's principal (the session handler, once the session is known to be valid). */
  public void attachTo(RoutingContext ctx) {
    ctx.put(CONTEXT_KEY, this);
  }

  public boolean hasRole(String wanted) {
    return role.equals(wanted);
  }

  public JsonObject toJson() {
    return new JsonObject().put("username", username).put("displayName", displayName).put("role", role)
        .put("team", team).put("phoneInterface", phoneInterface);
  }

  public static Principal fromJson(JsonObject json) {
    return new Principal(json.getString("username"), json.getString("displayName"), json.getString("role"),
        json.getString("team"), json.getString("phoneInterface"));
  }
}
