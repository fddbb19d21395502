package klip.qa;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.Schemas;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import klip.access.Principal;
import klip.access.Roles;
import klip.http.ApiError;
import klip.http.AuditedChange;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;
import klip.identity.Teams;
import klip.tickets.Tickets;

/**
 * Evaluation forms and evaluations. A submitted evaluation is never edited (a database trigger refuses it):
 * it is superseded by a new one with a reason, and both stay. Agents see their own and may dispute them.
 */
public final class EvaluationsApi implements HttpApi {

  private final Pool pool;
  private final Tickets tickets;
  private final Teams teams;

  public EvaluationsApi(Pool pool, Tickets tickets, Teams teams) {
    this.pool = pool;
    this.tickets = tickets;
    this.teams = teams;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/qa/forms/active", ctx -> pool.query(QaQueries.ACTIVE_FORM).execute()
        .map(QaJson::form));
    routes.change(HttpMethod.POST, "/qa/forms", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("name", Fields.requiredText(200))
        .requiredProperty("criteria", Schemas.arraySchema().withKeyword("minItems", 1).withKeyword("maxItems", 30)
            .items(Schemas.objectSchema()
                .requiredProperty("code", Fields.requiredText(40))
                .requiredProperty("label", Fields.requiredText(200))
                .requiredProperty("weight", Fields.whole(0, 100))
                .optionalProperty("fatal", Schemas.booleanSchema().nullable())))), this::defineForm);
    routes.change(HttpMethod.POST, "/qa/evaluations", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("ticketId", Fields.id())
        .requiredProperty("answers", Schemas.objectSchema())
        .optionalProperty("comments", Fields.text(4000))
        .optionalProperty("calibrationId", Fields.id().nullable())), ctx -> {
          JsonObject body = RequestInput.of(ctx).body();
          Long calibration = body.getLong("calibrationId");
          return pool.withTransaction(conn -> submit(conn, ctx, body, calibration, null, null)
              .compose(evaluation -> AuditedChange.within(ctx, conn).map(evaluation)));
        });
    routes.json(HttpMethod.GET, "/qa/evaluations/:id", RequestSchema.id("id"), this::get);
    routes.change(HttpMethod.POST, "/qa/evaluations/:id/supersede", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("reason", Fields.requiredText(2000))
        .requiredProperty("answers", Schemas.objectSchema())
        .optionalProperty("comments", Fields.text(4000))).path("id", Fields.id()), this::supersede);
    routes.json(HttpMethod.GET, "/qa/my-evaluations", ctx -> pool.preparedQuery(QaQueries.EVALUATIONS_OF_AGENT)
        .execute(Tuple.of(Principal.of(ctx).username(), 200)).map(rows -> QaJson.list(rows, QaJson::evaluation)));
    routes.json(HttpMethod.GET, "/qa/agents/:username/scores", RequestSchema.none()
        .path("username", Fields.requiredText(40)), this::scores);
  }

  private Future<JsonObject> defineForm(RoutingContext ctx) {
    RequestInput input = RequestInput.of(ctx);
    String name = input.text("name");
    JsonArray criteria = input.body().getJsonArray("criteria");
    return pool.withTransaction(conn -> conn.preparedQuery(QaQueries.NEW_FORM)
        .execute(Tuple.of(name, Principal.of(ctx).username())).compose(rows -> {
          long formId = rows.iterator().next().getLong("id");
          Future<?> chain = Future.succeededFuture();
          for (int i = 0; i < criteria.size(); i++) {
            JsonObject c = criteria.getJsonObject(i);
            int order = i + 1;
            Tuple t = Tuple.of(formId, RequestInput.text(c, "code"), RequestInput.text(c, "label"),
                c.getInteger("weight"), Boolean.TRUE.equals(c.getBoolean("fatal")), order);
            chain = chain.compose(v -> conn.preparedQuery(QaQueries.ADD_CRITERION).execute(t));
          }
          return chain.compose(v -> conn.preparedQuery(QaQueries.DEACTIVATE_OTHER_FORMS).execute(Tuple.of(formId)))
              .compose(v -> conn.preparedQuery(QaQueries.FORM_BY_ID).execute(Tuple.of(formId)))
              .compose(form -> AuditedChange.within(ctx, conn).map(x -> QaJson.form(form)));
        }))
        .recover(err -> Future.failedFuture(err.getMessage() != null && err.getMessage().contains("qa_criteria")
            ? ApiError.badRequest("Kode kriteria harus unik, huruf kecil dan garis bawah") : err));
  }

  /** Scores and stores one evaluation against the active form; the agent is the ticket's. */
  Future<JsonObject> submit(SqlConnection conn, RoutingContext ctx, JsonObject body, Long calibrationId,
                            Long supersedes, String reason) {
    long ticketId = body.getLong("ticketId");
    JsonObject answers = body.getJsonObject("answers");
    String comments = RequestInput.text(body, "comments");
    var ticket = tickets.byId(ticketId);
    var form = conn.query(QaQueries.ACTIVE_FORM).execute();
    var calibration = calibrationId == null ? Future.succeededFuture((Row) null)
        : conn.preparedQuery(QaQueries.CALIBRATION).execute(Tuple.of(calibrationId))
            .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
    return Future.all(ticket, form, calibration).compose(all -> {
      if (ticket.result() == null) {
        throw ApiError.notFound("Tiket " + ticketId + " tidak ditemukan");
      }
      String agent = ticket.result().agent();
      if (agent == null) {
        throw ApiError.conflict("Tiket tanpa agen tidak dapat dinilai");
      }
      Row cal = calibration.result();
      if (calibrationId != null && (cal == null || cal.getLong("ticket_id") != ticketId
          || cal.getOffsetDateTime("closed_at") != null)) {
        throw ApiError.conflict("Sesi kalibrasi tidak terbuka untuk tiket ini");
      }
      Scoring.Result result = Scoring.score(QaJson.criteria(form.result()), answers);
      long formId = form.result().iterator().next().getLong("id");
      return conn.preparedQuery(QaQueries.INSERT_EVALUATION).execute(Tuple.tuple().addLong(ticketId)
              .addString(agent).addString(Principal.of(ctx).username()).addLong(formId).addValue(answers)
              .addValue(result.score()).addBoolean(result.fatalFailed()).addString(comments)
              .addLong(calibrationId).addLong(supersedes).addString(reason))
          .recover(err -> Future.failedFuture(err.getMessage() != null && err.getMessage().contains("calibration")
              ? ApiError.conflict("Anda sudah menilai panggilan ini dalam sesi kalibrasi") : err))
          .compose(rows -> conn.preparedQuery(QaQueries.EVALUATION)
              .execute(Tuple.of(rows.iterator().next().getLong("id"))))
          .map(rows -> QaJson.evaluation(rows.iterator().next()));
    });
  }

  private Future<JsonObject> supersede(RoutingContext ctx) {
    RequestInput input = RequestInput.of(ctx);
    long id = input.pathId("id");
    JsonObject body = input.body().copy();
    String reason = input.text("reason");
    return pool.withTransaction(conn -> conn.preparedQuery(QaQueries.EVALUATION).execute(Tuple.of(id))
        .compose(rows -> {
          if (!rows.iterator().hasNext()) {
            throw ApiError.notFound("Evaluasi " + id + " tidak ditemukan");
          }
          Row old = rows.iterator().next();
          if (old.getLong("superseded_by") != null) {
            throw ApiError.conflict("Evaluasi ini sudah digantikan oleh " + old.getLong("superseded_by"));
          }
          if (old.getLong("calibration_id") != null) {
            throw ApiError.conflict("Evaluasi kalibrasi tidak digantikan");
          }
          body.put("ticketId", old.getLong("ticket_id"));
          return submit(conn, ctx, body, null, id, reason).compose(next -> conn
              .preparedQuery(QaQueries.MARK_SUPERSEDED).execute(Tuple.of(id, next.getLong("id"))).map(r -> {
                if (!r.iterator().hasNext()) {
                  throw ApiError.conflict("Evaluasi ini baru saja digantikan (superseded concurrently)");
                }
                return next;
              }))
              .compose(next -> AuditedChange.within(ctx, conn).map(next));
        }));
  }

  private Future<JsonObject> get(RoutingContext ctx) {
    long id = RequestInput.of(ctx).pathId("id");
    return pool.preparedQuery(QaQueries.EVALUATION).execute(Tuple.of(id)).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        throw ApiError.notFound("Evaluasi " + id + " tidak ditemukan");
      }
      JsonObject e = QaJson.evaluation(rows.iterator().next());
      Principal me = Principal.of(ctx);
      if (me.hasRole(Roles.QUALITY_ASSESSOR) || me.hasRole(Roles.ADMIN)) {
        return Future.succeededFuture(e);
      }
      if (e.getLong("calibrationId") != null) {
        throw ApiError.notFound("Evaluasi " + id + " tidak ditemukan");
      }
      return mayWatch(me, e.getString("agent")).map(e);
    });
  }

  private Future<JsonObject> scores(RoutingContext ctx) {
    String agent = ctx.pathParam("username");
    return mayWatch(Principal.of(ctx), agent)
        .compose(v -> pool.preparedQuery(QaQueries.WEEKLY_SCORES).execute(Tuple.of(agent)))
        .map(rows -> new JsonObject().put("agent", agent).put("weeks", QaJson.list(rows, r -> new JsonObject()
            .put("week", r.getLocalDate("week").toString()).put("average", QaJson.number(r.getBigDecimal("average")))
            .put("evaluations", r.getLong("evaluations")).put("fatal", r.getLong("fatal")))));
  }

  /** QA and admins see everyone's; a team leader their team's; an agent only their own. */
  Future<Void> mayWatch(Principal me, String agent) {
    if (me.hasRole(Roles.QUALITY_ASSESSOR) || me.hasRole(Roles.ADMIN) || me.username().equals(agent)) {
      return Future.succeededFuture();
    }
    if (!me.hasRole(Roles.TEAM_LEADER)) {
      return Future.failedFuture(ApiError.forbidden("Hanya evaluasi Anda sendiri"));
    }
    return teams.teamOf(agent).map(team -> {
      if (team == null || !me.team().equals(team)) {
        throw ApiError.forbidden("Agen ini bukan anggota tim Anda");
      }
      return null;
    });
  }
}
