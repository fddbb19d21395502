package klip.qa;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import klip.tickets.PhoneNumbers;
import klip.web.ApiError;
import klip.web.Requests;
import klip.web.SecuredRouter;
import klip.web.HttpApi;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * The Quality Assessor's console: find interactions, draw a weekly sample, and open one interaction with its
 * recording, screen captures and evaluations (the CRM record and timeline come from the tickets API).
 */
public final class QaApi implements HttpApi {

  private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

  private final Pool pool;

  public QaApi(Pool pool) {
    this.pool = pool;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/qa/interactions", this::search);
    routes.json(HttpMethod.GET, "/qa/sample", this::sample);
    routes.json(HttpMethod.GET, "/qa/interactions/:id", this::interaction);
  }

  private Future<JsonArray> search(RoutingContext ctx) {
    var q = ctx.queryParams();
    String taxpayer = digits(q.get("taxpayer"));
    if (taxpayer != null && taxpayer.length() != 15 && taxpayer.length() != 16) {
      throw ApiError.badRequest("NPWP/NIK harus 15 atau 16 digit (NPWP/NIK must have 15 or 16 digits)");
    }
    String phone = blank(q.get("phone")) == null ? null : PhoneNumbers.normalise(q.get("phone"));
    return pool.preparedQuery(QaQueries.SEARCH).execute(Tuple.tuple()
            .addLocalDate(date(q.get("from"), "from")).addLocalDate(date(q.get("to"), "to"))
            .addString(blank(q.get("agent"))).addString(blank(q.get("team"))).addString(blank(q.get("application")))
            .addString(blank(q.get("outcome"))).addString(taxpayer).addString(phone)
            .addInteger(Requests.intQuery(ctx, "limit", 100, 1, 1000)))
        .map(rows -> QaJson.list(rows, QaJson::interaction));
  }

  /** {@code week=2026-W48} (default: last week), {@code perAgent=N}, optional {@code team} and {@code seed}. */
  private Future<JsonObject> sample(RoutingContext ctx) {
    LocalDate monday = week(ctx.queryParams().get("week"));
    int perAgent = Requests.intQuery(ctx, "perAgent", 5, 1, 50);
    String week = monday.get(IsoFields.WEEK_BASED_YEAR) + "-W"
        + String.format("%02d", monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    String seed = blank(ctx.queryParams().get("seed")) == null ? week : ctx.queryParams().get("seed");
    return pool.preparedQuery(QaQueries.SAMPLE).execute(Tuple.tuple().addLocalDate(monday).addInteger(perAgent)
            .addString(seed).addString(blank(ctx.queryParams().get("team"))))
        .map(rows -> new JsonObject().put("week", week).put("from", monday.toString()).put("perAgent", perAgent)
            .put("seed", seed).put("calls", QaJson.list(rows, QaJson::interaction)));
  }

  private Future<JsonObject> interaction(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id");
    return pool.preparedQuery(QaQueries.TICKET).execute(Tuple.of(id)).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        throw ApiError.notFound("Tiket " + id + " tidak ditemukan (ticket not found)");
      }
      Row t = rows.iterator().next();
      var recordings = pool.preparedQuery(QaQueries.RECORDINGS_OF_TICKET).execute(Tuple.of(id));
      var captures = pool.preparedQuery(QaQueries.CAPTURES_OF_TICKET).execute(Tuple.of(id));
      var evaluations = pool.preparedQuery(QaQueries.EVALUATIONS_OF_TICKET).execute(Tuple.of(id));
      return Future.all(recordings, captures, evaluations).map(all -> new JsonObject()
          .put("ticketId", id).put("callId", t.getString("call_id")).put("agent", t.getString("agent_username"))
          .put("team", t.getString("team")).put("answeredAt", QaJson.iso(t.getOffsetDateTime("answered_at")))
          .put("endedAt", QaJson.iso(t.getOffsetDateTime("ended_at")))
          .put("recordings", QaJson.list(recordings.result(), r -> new JsonObject().put("id", r.getLong("id"))
              .put("status", r.getString("status")).put("durationMs", r.getLong("duration_ms"))
              .put("sizeBytes", r.getLong("size_bytes")).put("format", r.getString("format"))
              .put("sha256", r.getString("sha256")).put("statusDetail", r.getString("status_detail"))
              .put("startedAt", QaJson.iso(r.getOffsetDateTime("started_at")))))
          .put("captures", QaJson.list(captures.result(), c -> new JsonObject().put("id", c.getLong("id"))
              .put("agent", c.getString("agent_username")).put("chunks", c.getInteger("next_seq"))
              .put("totalBytes", c.getLong("total_bytes")).put("status", c.getString("status"))
              .put("startedAt", QaJson.iso(c.getOffsetDateTime("started_at")))))
          .put("evaluations", QaJson.list(evaluations.result(), QaJson::evaluation)));
    });
  }

  private static LocalDate week(String raw) {
    if (blank(raw) == null) {
      return LocalDate.now(JAKARTA).minusWeeks(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
    var m = java.util.regex.Pattern.compile("(\\d{4})-W(\\d{2})").matcher(raw.trim());
    if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 53) {
      throw ApiError.badRequest("Minggu harus berbentuk 2026-W48 (week must look like 2026-W48)");
    }
    return LocalDate.of(Integer.parseInt(m.group(1)), 1, 4)
        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(m.group(2)))
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  private static LocalDate date(String raw, String name) {
    if (blank(raw) == null) {
      return null;
    }
    try {
      return LocalDate.parse(raw.trim());
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("Parameter '" + name + "' harus tanggal YYYY-MM-DD (date expected)");
    }
  }

  private static String digits(String raw) {
    return blank(raw) == null ? null : raw.replaceAll("[^0-9]", "");
  }

  static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
