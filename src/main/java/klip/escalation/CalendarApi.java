package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.Schemas;
import klip.access.Principal;
import klip.http.ApiError;
import klip.http.AuditedChange;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The working-day calendar: anyone reads it and asks for a deadline; an admin edits the days off. */
final class CalendarApi implements HttpApi {

  private final CalendarStore store;

  CalendarApi(CalendarStore store) {
    this.store = store;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/calendar/days", RequestSchema.none().query("year", Fields.whole(2000, 2100)),
        ctx -> {
          Long year = RequestInput.of(ctx).optionalQueryLong("year");
          return store.list(year == null ? null : year.intValue());
        });
    routes.change(HttpMethod.PUT, "/calendar/days/:date", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("name", Fields.requiredText(200))
        .optionalProperty("kind", Fields.optionalOneOf("holiday", "cuti_bersama"))
        .optionalProperty("provisional", Schemas.booleanSchema())).path("date", Fields.date()), this::put);
    routes.change(HttpMethod.DELETE, "/calendar/days/:date", RequestSchema.none().path("date", Fields.date()),
        ctx -> store.delete(date(ctx), AuditedChange.inTransaction(ctx)).map(found -> {
      if (!found) {
        throw ApiError.notFound("Tanggal itu bukan hari libur");
      }
      return new JsonObject().put("date", ctx.pathParam("date")).put("deleted", true);
    }));
    routes.json(HttpMethod.GET, "/calendar/deadline", RequestSchema.none().query("receivedAt",
        Schemas.stringSchema().withKeyword("format", "date-time")), this::deadline);
  }

  private Future<JsonObject> put(RoutingContext ctx) {
    LocalDate day = date(ctx);
    RequestInput input = RequestInput.of(ctx);
    String name = input.text("name");
    String k = input.text("kind") == null ? "holiday" : input.text("kind");
    boolean p = input.body().getBoolean("provisional", false);
    return store.put(day, name, k, p, Principal.of(ctx).username(), AuditedChange.inTransaction(ctx))
        .map(v -> new JsonObject()
        .put("date", day.toString()).put("name", name).put("kind", k).put("provisional", p));
  }

  /** The deadline for a question received at {@code receivedAt} (ISO instant; default now). */
  private Future<JsonObject> deadline(RoutingContext ctx) {
    String raw = RequestInput.of(ctx).query("receivedAt");
    Instant received;
    try {
      received = raw == null ? Instant.now() : Instant.parse(raw);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("Parameter 'receivedAt' harus waktu ISO-8601, mis. 2026-03-19T09:00:00Z");
    }
    WorkingCalendar calendar = store.calendar();
    Instant deadline = calendar.deadlineFor(received);
    return Future.succeededFuture(new JsonObject().put("receivedAt", received.toString())
        .put("deadlineAt", deadline.toString())
        .put("deadlineLocal", deadline.atZone(WorkingCalendar.JAKARTA).toLocalDateTime().toString()));
  }

  /** Checked by the route's schema (format date). */
  private static LocalDate date(RoutingContext ctx) {
    return LocalDate.parse(ctx.pathParam("date"));
  }
}
