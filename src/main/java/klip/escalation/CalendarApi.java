package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import klip.access.Principal;
import klip.http.ApiError;
import klip.http.HttpApi;
import klip.http.Requests;
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
    routes.json(HttpMethod.GET, "/calendar/days", ctx -> {
      String year = ctx.queryParams().get("year");
      return store.list(year == null ? null : Requests.intQuery(ctx, "year", 2026, 2000, 2100));
    });
    routes.json(HttpMethod.PUT, "/calendar/days/:date", this::put);
    routes.json(HttpMethod.DELETE, "/calendar/days/:date", ctx -> store.delete(date(ctx)).map(found -> {
      if (!found) {
        throw ApiError.notFound("Tanggal itu bukan hari libur (not a day off)");
      }
      return new JsonObject().put("date", ctx.pathParam("date")).put("deleted", true);
    }));
    routes.json(HttpMethod.GET, "/calendar/deadline", this::deadline);
  }

  private Future<JsonObject> put(RoutingContext ctx) {
    LocalDate day = date(ctx);
    JsonObject body = Requests.jsonBody(ctx);
    String name = Requests.requiredString(body, "name", 200);
    String kind = Requests.optionalString(body, "kind", 20);
    kind = kind == null ? "holiday" : kind;
    if (!kind.equals("holiday") && !kind.equals("cuti_bersama")) {
      throw ApiError.badRequest("Kolom 'kind' harus 'holiday' atau 'cuti_bersama'");
    }
    Object provisional = body.getValue("provisional", false);
    if (!(provisional instanceof Boolean p)) {
      throw ApiError.badRequest("Kolom 'provisional' harus true atau false");
    }
    String k = kind;
    return store.put(day, name, kind, p, Principal.of(ctx).username()).map(v -> new JsonObject()
        .put("date", day.toString()).put("name", name).put("kind", k).put("provisional", p));
  }

  /** The deadline for a question received at {@code receivedAt} (ISO instant; default now). */
  private Future<JsonObject> deadline(RoutingContext ctx) {
    String raw = ctx.queryParams().get("receivedAt");
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

  private static LocalDate date(RoutingContext ctx) {
    try {
      return LocalDate.parse(ctx.pathParam("date"));
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("Tanggal harus berformat YYYY-MM-DD (date expected)");
    }
  }
}
