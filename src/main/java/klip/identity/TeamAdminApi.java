package klip.identity;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.audit.AuditLog;
import klip.http.ApiError;
import klip.http.HttpApi;
import klip.http.Requests;
import klip.http.SecuredRouter;

/** Teams: a code that users reference and a name people read. */
public final class TeamAdminApi implements HttpApi {

  private final Pool pool;
  private final AuditLog audit;

  public TeamAdminApi(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/admin/teams", ctx -> pool.query(UserQueries.LIST_TEAMS).execute().map(rows -> {
      JsonArray list = new JsonArray();
      rows.forEach(r -> list.add(new JsonObject().put("code", r.getString("code")).put("name", r.getString("name"))
          .put("members", r.getLong("members")).put("createdAt", r.getOffsetDateTime("created_at").toInstant()
              .toString())));
      return list;
    }));
    routes.json(HttpMethod.POST, "/admin/teams", this::create);
    routes.json(HttpMethod.PUT, "/admin/teams/:code", this::rename);
  }

  private Future<JsonObject> create(RoutingContext ctx) {
    JsonObject body = Requests.jsonBody(ctx);
    String code = UserInput.teamCode(Requests.requiredString(body, "code", 40));
    String name = UserInput.displayName(Requests.requiredString(body, "name", 100));
    return pool.preparedQuery(UserQueries.INSERT_TEAM).execute(Tuple.of(code, name))
        .recover(UserAdminApi::mapConstraint)
        .compose(v -> audit.record(ctx, "team.created", "team:" + code, new JsonObject().put("name", name)))
        .map(v -> new JsonObject().put("code", code).put("name", name));
  }

  private Future<JsonObject> rename(RoutingContext ctx) {
    String code = UserInput.teamCode(ctx.pathParam("code"));
    String name = UserInput.displayName(Requests.requiredString(Requests.jsonBody(ctx), "name", 100));
    return pool.preparedQuery(UserQueries.RENAME_TEAM).execute(Tuple.of(code, name))
        .compose(rows -> {
          if (rows.rowCount() == 0) {
            throw ApiError.notFound("Tim '" + code + "' tidak ditemukan (team not found)");
          }
          return audit.record(ctx, "team.renamed", "team:" + code, new JsonObject().put("name", name));
        })
        .map(v -> new JsonObject().put("code", code).put("name", name));
  }
}
