package klip.identity;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.Schemas;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.http.ApiError;
import klip.http.AuditedChange;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;

/** Teams: a code that users reference and a name people read. */
public final class TeamAdminApi implements HttpApi {

  private final Pool pool;
  public TeamAdminApi(Pool pool) {
    this.pool = pool;
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
    routes.change(HttpMethod.POST, "/admin/teams", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("code", Fields.requiredText(40))
        .requiredProperty("name", Fields.requiredText(100))), this::create);
    routes.change(HttpMethod.PUT, "/admin/teams/:code", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("name", Fields.requiredText(100))).path("code", Fields.requiredText(40)), this::rename);
  }

  private Future<JsonObject> create(RoutingContext ctx) {
    RequestInput input = RequestInput.of(ctx);
    String code = UserInput.teamCode(input.text("code"));
    String name = UserInput.displayName(input.text("name"));
    return pool.withTransaction(tx -> tx.preparedQuery(UserQueries.INSERT_TEAM).execute(Tuple.of(code, name))
            .compose(v -> AuditedChange.within(ctx, tx, "team.created", "team:" + code,
                new JsonObject().put("name", name))))
        .recover(UserAdminApi::mapConstraint)
        .map(v -> new JsonObject().put("code", code).put("name", name));
  }

  private Future<JsonObject> rename(RoutingContext ctx) {
    String code = UserInput.teamCode(ctx.pathParam("code"));
    String name = UserInput.displayName(RequestInput.of(ctx).text("name"));
    return pool.withTransaction(tx -> tx.preparedQuery(UserQueries.RENAME_TEAM).execute(Tuple.of(code, name))
            .compose(rows -> {
              if (rows.rowCount() == 0) {
                throw ApiError.notFound("Tim '" + code + "' tidak ditemukan");
              }
              return AuditedChange.within(ctx, tx, "team.renamed", "team:" + code, new JsonObject().put("name", name));
            }))
        .map(v -> new JsonObject().put("code", code).put("name", name));
  }
}
