package klip.identity;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.Schemas;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import klip.access.Principal;
import klip.access.Roles;
import io.vertx.sqlclient.SqlConnection;
import klip.http.AuditedChange;
import klip.http.ApiError;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;

import java.util.Objects;

/**
 * Administering people: users with their role, team and phone interface, and the list of roles and interfaces.
 * Every change is audited (a role change as its own action) and reloads the directory, so sessions see a new
 * role, or a deactivation, on their next request.
 */
public final class UserAdminApi implements HttpApi {

  private final Pool pool;
  private final UserDirectory directory;
  public UserAdminApi(Pool pool, UserDirectory directory) {
    this.pool = pool;
    this.directory = directory;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/admin/users", ctx -> pool.query(UserQueries.LIST_USERS).execute().map(rows -> {
      JsonArray list = new JsonArray();
      rows.forEach(r -> list.add(userJson(r)));
      return list;
    }));
    routes.change(HttpMethod.POST, "/admin/users", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("username", Fields.requiredText(40))
        .requiredProperty("displayName", Fields.requiredText(100))
        .requiredProperty("role", Fields.requiredText(40))
        .requiredProperty("team", Fields.requiredText(40))
        .optionalProperty("phoneInterface", Fields.text(100))
        .optionalProperty("password", Fields.text(200))), this::create);
    // Every field optional: what is absent stays as it is.
    routes.change(HttpMethod.PUT, "/admin/users/:username", RequestSchema.body(Schemas.objectSchema()
        .optionalProperty("displayName", Fields.requiredText(100))
        .optionalProperty("role", Fields.requiredText(40))
        .optionalProperty("team", Fields.requiredText(40))
        .optionalProperty("phoneInterface", Fields.text(100))
        .optionalProperty("password", Fields.text(200))
        .optionalProperty("active", Schemas.booleanSchema())).path("username", Fields.requiredText(40)), this::update);
    routes.json(HttpMethod.GET, "/admin/roles", ctx -> Future.succeededFuture(new JsonArray(Roles.ALL.stream()
        .sorted().toList())));
    routes.json(HttpMethod.GET, "/admin/interfaces", ctx -> pool.query(UserQueries.INTERFACES).execute().map(rows -> {
      JsonArray list = new JsonArray();
      rows.forEach(r -> list.add(new JsonObject().put("interface", r.getString("phone_interface"))
          .put("username", r.getString("username")).put("role", r.getString("role"))
          .put("team", r.getString("team")).put("active", r.getBoolean("active"))));
      return list;
    }));
  }

  private Future<JsonObject> create(RoutingContext ctx) {
    RequestInput input = RequestInput.of(ctx);
    String username = UserInput.username(input.text("username"));
    String displayName = UserInput.displayName(input.text("displayName"));
    String role = UserInput.role(input.text("role"));
    String team = UserInput.teamCode(input.text("team"));
    String phone = UserInput.phoneInterface(input.text("phoneInterface"));
    String password = UserInput.password(input.text("password"));
    Future<String> hash = password == null ? Future.succeededFuture(null) : directory.hash(password);
    JsonObject detail = new JsonObject().put("role", role).put("team", team).put("phoneInterface", phone)
        .put("passwordSet", password != null);
    return hash.compose(h -> pool.withTransaction(tx -> tx.preparedQuery(UserQueries.INSERT_USER)
            .execute(Tuple.of(username, displayName, role, team, phone, h))
            .compose(v -> AuditedChange.within(ctx, tx, "user.created", "user:" + username, detail))))
        .recover(UserAdminApi::mapConstraint)
        .compose(v -> directory.changed())
        .compose(v -> load(username));
  }

  private Future<JsonObject> update(RoutingContext ctx) {
    String username = UserInput.username(ctx.pathParam("username"));
    RequestInput input = RequestInput.of(ctx);
    JsonObject body = input.body();
    Principal me = Principal.of(ctx);
    String password = UserInput.password(input.text("password"));
    return load(username).compose(current -> {
      String displayName = body.containsKey("displayName")
          ? UserInput.displayName(input.text("displayName")) : current.getString("displayName");
      String role = body.containsKey("role") ? UserInput.role(input.text("role")) : current.getString("role");
      String team = body.containsKey("team") ? UserInput.teamCode(input.text("team")) : current.getString("team");
      String phone = body.containsKey("phoneInterface")
          ? UserInput.phoneInterface(input.text("phoneInterface"))
          : current.getString("phoneInterface");
      boolean active = body.containsKey("active") ? body.getBoolean("active") : current.getBoolean("active");
      boolean demotesAdmin = current.getString("role").equals(Roles.ADMIN) && (!role.equals(Roles.ADMIN) || !active);
      if (demotesAdmin && username.equals(me.username())) {
        throw ApiError.conflict("Anda tidak dapat mencabut peran admin atau menonaktifkan akun Anda sendiri");
      }
      Future<Void> guard = demotesAdmin ? atLeastOneOtherAdmin(username) : Future.succeededFuture();
      Future<String> hash = password == null ? Future.succeededFuture(null) : directory.hash(password);
      return guard.compose(v -> hash)
          .compose(h -> pool.withTransaction(tx -> tx.preparedQuery(UserQueries.UPDATE_USER)
              .execute(Tuple.from(new Object[] {username, displayName, role, team, phone, active, h}))
              .compose(v -> auditChanges(ctx, tx, current, displayName, role, team, phone, active,
                  password != null))))
          .recover(UserAdminApi::mapConstraint)
          .compose(v -> directory.changed())
          .compose(v -> load(username));
    });
  }

  private Future<Void> atLeastOneOtherAdmin(String username) {
    return pool.preparedQuery(UserQueries.OTHER_ACTIVE_ADMINS).execute(Tuple.of(username)).map(rows -> {
      if (rows.iterator().next().getLong("n") == 0) {
        throw ApiError.conflict("Harus tetap ada minimal satu admin aktif");
      }
      return null;
    });
  }

  /** A role change is its own entry; the rest (even nothing) one "user.updated". */
  private static Future<Void> auditChanges(RoutingContext ctx, SqlConnection tx, JsonObject before,
                                           String displayName, String role, String team, String phone,
                                           boolean active, boolean passwordSet) {
    String target = "user:" + before.getString("username");
    Future<Void> chain = Future.succeededFuture();
    if (!role.equals(before.getString("role"))) {
      chain = chain.compose(v -> AuditedChange.within(ctx, tx, "user.role_changed", target,
          new JsonObject().put("from", before.getString("role")).put("to", role)));
    }
    JsonObject changed = new JsonObject();
    if (!displayName.equals(before.getString("displayName"))) {
      changed.put("displayName", displayName);
    }
    if (!team.equals(before.getString("team"))) {
      changed.put("team", team);
    }
    if (!Objects.equals(phone, before.getString("phoneInterface"))) {
      changed.put("phoneInterface", phone);
    }
    if (active != before.getBoolean("active")) {
      changed.put("active", active);
    }
    if (passwordSet) {
      changed.put("passwordSet", true);
    }
    boolean roleOnly = changed.isEmpty() && !role.equals(before.getString("role"));
    return roleOnly ? chain : chain.compose(v -> AuditedChange.within(ctx, tx, "user.updated", target, changed));
  }

  private Future<JsonObject> load(String username) {
    return pool.preparedQuery(UserQueries.USER).execute(Tuple.of(username)).map(rows -> {
      if (rows.size() == 0) {
        throw ApiError.notFound("Pengguna '" + username + "' tidak ditemukan");
      }
      return userJson(rows.iterator().next());
    });
  }

  /** Unique and foreign-key violations are the client's mistake, not the server's. */
  static <T> Future<T> mapConstraint(Throwable err) {
    if (err instanceof PgException pg) {
      if ("23505".equals(pg.getSqlState())) {
        return Future.failedFuture(ApiError.conflict("Sudah ada: " + constraintLabel(pg)));
      }
      if ("23503".equals(pg.getSqlState())) {
        return Future.failedFuture(ApiError.badRequest("Tim tidak dikenal"));
      }
    }
    return Future.failedFuture(err);
  }

  private static String constraintLabel(PgException pg) {
    String detail = pg.getConstraint() == null ? "" : pg.getConstraint();
    return detail.contains("phone_interface") ? "antarmuka telepon"
        : detail.contains("username") ? "nama pengguna (username)" : "kode (code)";
  }

  static JsonObject userJson(Row r) {
    return new JsonObject().put("username", r.getString("username")).put("displayName", r.getString("display_name"))
        .put("role", r.getString("role")).put("team", r.getString("team"))
        .put("phoneInterface", r.getString("phone_interface")).put("active", r.getBoolean("active"))
        .put("demo", r.getBoolean("demo")).put("hasPassword", r.getBoolean("has_password"))
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
        .put("updatedAt", r.getOffsetDateTime("updated_at").toInstant().toString());
  }
}
