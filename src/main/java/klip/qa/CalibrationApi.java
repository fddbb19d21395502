package klip.qa;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.Schemas;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import klip.access.Principal;
import klip.http.ApiError;
import klip.http.AuditedChange;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;

import java.util.ArrayList;
import java.util.List;

/**
 * Calibration: several assessors score the same call blind (each submits with the session's id through
 * {@code POST /qa/evaluations}); an assessor sees the others' scores only after submitting their own, or once
 * the session is closed. The report gives each score and the spread, overall and per criterion.
 */
public final class CalibrationApi implements HttpApi {

  private final Pool pool;

  public CalibrationApi(Pool pool) {
    this.pool = pool;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.change(HttpMethod.POST, "/qa/calibrations", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("ticketId", Fields.id())), ctx -> {
      long ticketId = RequestInput.of(ctx).body().getLong("ticketId");
      return pool.withTransaction(tx -> tx.preparedQuery(QaQueries.NEW_CALIBRATION).execute(Tuple.of(ticketId,
              Principal.of(ctx).username())).compose(rows -> AuditedChange.within(ctx, tx).map(rows)))
          .map(rows -> new JsonObject().put("id", rows.iterator().next().getLong("id")).put("ticketId", ticketId))
          .recover(err -> Future.failedFuture(err.getMessage() != null && err.getMessage().contains("foreign key")
              ? ApiError.notFound("Tiket tidak ditemukan") : err));
    });
    routes.json(HttpMethod.GET, "/qa/calibrations", ctx -> pool.preparedQuery(QaQueries.OPEN_CALIBRATIONS)
        .execute(Tuple.of(Principal.of(ctx).username())).map(rows -> QaJson.list(rows, r -> new JsonObject()
            .put("id", r.getLong("id")).put("ticketId", r.getLong("ticket_id")).put("createdBy",
                r.getString("created_by")).put("createdAt", QaJson.iso(r.getOffsetDateTime("created_at")))
            .put("submitted", r.getBoolean("submitted")))));
    routes.json(HttpMethod.GET, "/qa/calibrations/:id", RequestSchema.id("id"), this::report);
    routes.change(HttpMethod.POST, "/qa/calibrations/:id/close", RequestSchema.id("id"), ctx -> pool
        .withTransaction(tx -> tx.preparedQuery(QaQueries.CLOSE_CALIBRATION)
            .execute(Tuple.of(RequestInput.of(ctx).pathId("id")))
            .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture() : AuditedChange.within(ctx, tx)))
        .compose(x -> report(ctx)));
  }

  private Future<JsonObject> report(RoutingContext ctx) {
    long id = RequestInput.of(ctx).pathId("id");
    String me = Principal.of(ctx).username();
    return pool.preparedQuery(QaQueries.CALIBRATION).execute(Tuple.of(id)).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        throw ApiError.notFound("Sesi kalibrasi " + id + " tidak ditemukan");
      }
      Row c = rows.iterator().next();
      boolean closed = c.getOffsetDateTime("closed_at") != null;
      return pool.preparedQuery(QaQueries.CALIBRATION_EVALUATIONS).execute(Tuple.of(id)).map(evals -> {
        List<JsonObject> list = new ArrayList<>();
        evals.forEach(r -> list.add(QaJson.evaluation(r)));
        boolean submitted = list.stream().anyMatch(e -> me.equals(e.getString("assessor")));
        JsonObject out = new JsonObject().put("id", id).put("ticketId", c.getLong("ticket_id"))
            .put("closed", closed).put("submitted", submitted).put("count", list.size());
        if (!submitted && !closed) {
          return out.put("blind", true); // no scores before one's own: the point of calibrating
        }
        return out.put("blind", false).put("evaluations", new JsonArray(new ArrayList<>(list)))
            .put("spread", spread(list.stream().map(e -> e.getDouble("score")).toList()))
            .put("criteria", perCriterion(list));
      });
    });
  }

  private static JsonObject perCriterion(List<JsonObject> evaluations) {
    JsonObject out = new JsonObject();
    if (evaluations.isEmpty()) {
      return out;
    }
    for (String code : evaluations.get(0).getJsonObject("answers").fieldNames()) {
      List<Double> values = evaluations.stream().map(e -> e.getJsonObject("answers").getValue(code))
          .filter(v -> v instanceof Number).map(v -> ((Number) v).doubleValue()).toList();
      out.put(code, spread(values));
    }
    return out;
  }

  /** min, max, max − min, mean and population standard deviation. */
  static JsonObject spread(List<Double> values) {
    if (values.isEmpty()) {
      return new JsonObject().put("n", 0);
    }
    double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double variance = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / values.size();
    return new JsonObject().put("n", values.size()).put("min", min).put("max", max).put("range", max - min)
        .put("mean", Math.round(mean * 100) / 100.0).put("stddev", Math.round(Math.sqrt(variance) * 100) / 100.0);
  }
}
