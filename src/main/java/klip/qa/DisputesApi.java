package klip.qa;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.Schemas;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.access.Principal;
import klip.http.ApiError;
import klip.http.AuditedChange;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;


/** An agent disputes one of their own evaluations; a quality assessor upholds or rejects the dispute. */
public final class DisputesApi implements HttpApi {

  private final Pool pool;

  public DisputesApi(Pool pool) {
    this.pool = pool;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.change(HttpMethod.POST, "/qa/evaluations/:id/disputes", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("reason", Fields.requiredText(2000))).path("id", Fields.id()), this::dispute);
    routes.json(HttpMethod.GET, "/qa/disputes", RequestSchema.none().query("status", Fields.text(20)),
        ctx -> pool.preparedQuery(QaQueries.DISPUTES)
        .execute(Tuple.of(RequestInput.of(ctx).query("status")))
        .map(rows -> QaJson.list(rows, r -> new JsonObject().put("id", r.getLong("id"))
            .put("evaluationId", r.getLong("evaluation_id")).put("agent", r.getString("agent_username"))
            .put("reason", r.getString("reason")).put("createdAt", QaJson.iso(r.getOffsetDateTime("created_at")))
            .put("status", r.getString("status")).put("resolution", r.getString("resolution"))
            .put("resolvedBy", r.getString("resolved_by")).put("ticketId", r.getLong("ticket_id"))
            .put("score", QaJson.number(r.getBigDecimal("score"))).put("assessor", r.getString("assessor")))));
    routes.change(HttpMethod.POST, "/qa/disputes/:id/resolve", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("status", Fields.oneOf("upheld", "rejected"))
        .requiredProperty("resolution", Fields.requiredText(2000))).path("id", Fields.id()), this::resolve);
  }

  private Future<JsonObject> dispute(RoutingContext ctx) {
    RequestInput input = RequestInput.of(ctx);
    long id = input.pathId("id");
    String reason = input.text("reason");
    Principal me = Principal.of(ctx);
    return pool.preparedQuery(QaQueries.EVALUATION).execute(Tuple.of(id)).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        throw ApiError.notFound("Evaluasi " + id + " tidak ditemukan");
      }
      JsonObject e = QaJson.evaluation(rows.iterator().next());
      if (!me.username().equals(e.getString("agent")) || e.getLong("calibrationId") != null) {
        throw ApiError.forbidden("Hanya evaluasi Anda sendiri yang dapat disanggah");
      }
      return pool.withTransaction(tx -> tx.preparedQuery(QaQueries.OPEN_DISPUTE)
              .execute(Tuple.of(id, me.username(), reason)).compose(r -> AuditedChange.within(ctx, tx).map(r)))
          .recover(err -> Future.failedFuture(err.getMessage() != null && err.getMessage().contains("qa_disputes_open")
              ? ApiError.conflict("Sanggahan untuk evaluasi ini masih terbuka") : err))
          .map(r -> new JsonObject().put("id", r.iterator().next().getLong("id")).put("evaluationId", id)
              .put("status", "open"));
    });
  }

  private Future<JsonObject> resolve(RoutingContext ctx) {
    RequestInput input = RequestInput.of(ctx);
    long id = input.pathId("id");
    String status = input.text("status");
    String resolution = input.text("resolution");
    return pool.withTransaction(tx -> tx.preparedQuery(QaQueries.RESOLVE_DISPUTE)
        .execute(Tuple.of(id, status, resolution, Principal.of(ctx).username())).compose(rows -> {
          if (!rows.iterator().hasNext()) {
            throw ApiError.conflict("Sanggahan tidak ada atau sudah diputuskan");
          }
          return AuditedChange.within(ctx, tx).map(new JsonObject().put("id", id).put("status", status)
              .put("evaluationId", rows.iterator().next().getLong("evaluation_id")));
        }));
  }
}
