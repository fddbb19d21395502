package klip.qa;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.identity.Teams;
import klip.recordings.CallRecordings;
import klip.phone.PhoneNumbers;
import klip.tickets.TicketSearch;
import klip.tickets.Tickets;
import klip.http.ApiError;
import klip.http.Requests;
import klip.http.SecuredRouter;
import klip.http.HttpApi;

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
  private final Tickets tickets;
  private final Teams teams;
  private final CallRecordings recordings;
  private final Interactions interactions;

  public QaApi(Pool pool, Tickets tickets, Teams teams, CallRecordings recordings) {
    this.pool = pool;
    this.tickets = tickets;
    this.teams = teams;
    this.recordings = recordings;
    this.interactions = new Interactions(pool, tickets, teams, recordings);
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
    return interactions.search(new TicketSearch(date(q.get("from"), "from"), date(q.get("to"), "to"),
        blank(q.get("agent")), null, blank(q.get("application")), blank(q.get("outcome")), taxpayer, phone,
        Requests.intQuery(ctx, "limit", 100, 1, 1000)), blank(q.get("team")));
  }

  /** {@code week=2026-W48} (default: last week), {@code perAgent=N}, optional {@code team} and {@code seed}. */
  private Future<JsonObject> sample(RoutingContext ctx) {
    LocalDate monday = week(ctx.queryParams().get("week"));
    int perAgent = Requests.intQuery(ctx, "perAgent", 5, 1, 50);
    String week = monday.get(IsoFields.WEEK_BASED_YEAR) + "-W"
        + String.format("%02d", monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    String seed = blank(ctx.queryParams().get("seed")) == null ? week : ctx.queryParams().get("seed");
    return interactions.sample(monday, perAgent, seed, blank(ctx.queryParams().get("team")))
        .map(calls -> new JsonObject().put("week", week).put("from", monday.toString()).put("perAgent", perAgent)
            .put("seed", seed).put("calls", calls));
  }

  private Future<JsonObject> interaction(RoutingContext ctx) {
    long id = Requests.idParam(ctx, "id");
    return tickets.byId(id).compose(t -> {
      if (t == null) {
        throw ApiError.notFound("Tiket " + id + " tidak ditemukan (ticket not found)");
      }
      var team = t.agent() == null ? Future.<String>succeededFuture(null) : teams.teamOf(t.agent());
      var audio = recordings.audioOfTicket(id);
      var captures = recordings.capturesOfTicket(id);
      var evaluations = pool.preparedQuery(QaQueries.EVALUATIONS_OF_TICKET).execute(Tuple.of(id));
      return Future.all(team, audio, captures, evaluations).map(all -> new JsonObject()
          .put("ticketId", id).put("callId", t.callId()).put("agent", t.agent())
          .put("team", team.result()).put("answeredAt", QaJson.iso(t.answeredAt()))
          .put("endedAt", QaJson.iso(t.endedAt()))
          .put("recordings", audio.result())
          .put("captures", captures.result())
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
