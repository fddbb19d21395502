package klip.qa;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.Schemas;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.http.ApiError;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;
import klip.access.Principal;
import klip.identity.Teams;
import klip.phone.PhoneNumbers;
import klip.recordings.CallRecordings;
import klip.tickets.TicketSearch;
import klip.tickets.Tickets;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

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
  private final Supplier<List<Principal>> people;

  /** @param people everyone with a name: an agent is searched by user name or by (part of) that display name */
  public QaApi(Pool pool, Tickets tickets, Teams teams, CallRecordings recordings, Supplier<List<Principal>> people) {
    this.pool = pool;
    this.people = people;
    this.tickets = tickets;
    this.teams = teams;
    this.recordings = recordings;
    this.interactions = new Interactions(pool, tickets, teams, recordings);
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/qa/interactions", RequestSchema.none()
        .query("from", Fields.date()).query("to", Fields.date()).query("agent", Fields.text(40))
        .query("team", Fields.text(40)).query("application", Fields.text(60)).query("outcome", Fields.text(40))
        .query("taxpayer", Fields.text(40)).query("phone", Fields.text(40))
        .query("limit", Fields.whole(1, 1000, 100)), this::search);
    routes.json(HttpMethod.GET, "/qa/sample", RequestSchema.none()
        .query("week", Schemas.stringSchema().withKeyword("pattern", "^\\d{4}-W\\d{2}$"))
        .query("perAgent", Fields.whole(1, 50, 5)).query("seed", Fields.text(100)).query("team", Fields.text(40)),
        this::sample);
    routes.json(HttpMethod.GET, "/qa/interactions/:id", RequestSchema.id("id"), this::interaction);
  }

  private Future<JsonArray> search(RoutingContext ctx) {
    RequestInput q = RequestInput.of(ctx);
    String taxpayer = digits(q.query("taxpayer"));
    if (taxpayer != null && taxpayer.length() != 15 && taxpayer.length() != 16) {
      throw ApiError.badRequest("NPWP/NIK harus 15 atau 16 digit");
    }
    String phone = q.query("phone") == null ? null : PhoneNumbers.normalise(q.query("phone"));
    return interactions.search(new TicketSearch(date(q.query("from")), date(q.query("to")),
        null, null, q.query("application"), q.query("outcome"), taxpayer, phone,
        q.queryInt("limit")), q.query("team"), agents(q.query("agent")))
        .map(this::named);
  }

  /**
   * The user names an agent filter means: the one typed, and everyone whose display name contains it ("Agent One",
   * "one"), whatever the case; null for no filter.
   */
  private Set<String> agents(String typed) {
    if (typed == null) {
      return null;
    }
    String wanted = typed.toLowerCase(Locale.ROOT);
    Set<String> names = new LinkedHashSet<>();
    names.add(typed);
    for (Principal p : people.get()) {
      if (p.username().equalsIgnoreCase(typed)
          || p.displayName() != null && p.displayName().toLowerCase(Locale.ROOT).contains(wanted)) {
        names.add(p.username());
      }
    }
    return names;
  }

  /** Adds each interaction's agent display name, which the list shows. */
  private JsonArray named(JsonArray found) {
    Map<String, String> names = new HashMap<>();
    people.get().forEach(p -> names.put(p.username(), p.displayName()));
    found.forEach(i -> ((JsonObject) i).put("agentName", names.get(((JsonObject) i).getString("agent"))));
    return found;
  }

  /** {@code week=2026-W48} (default: last week), {@code perAgent=N}, optional {@code team} and {@code seed}. */
  private Future<JsonObject> sample(RoutingContext ctx) {
    RequestInput q = RequestInput.of(ctx);
    LocalDate monday = week(q.query("week"));
    int perAgent = q.queryInt("perAgent");
    String week = monday.get(IsoFields.WEEK_BASED_YEAR) + "-W"
        + String.format("%02d", monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    String seed = q.query("seed") == null ? week : q.query("seed");
    return interactions.sample(monday, perAgent, seed, q.query("team"))
        .map(calls -> new JsonObject().put("week", week).put("from", monday.toString()).put("perAgent", perAgent)
            .put("seed", seed).put("calls", named(calls)));
  }

  private Future<JsonObject> interaction(RoutingContext ctx) {
    long id = RequestInput.of(ctx).pathId("id");
    return tickets.byId(id).compose(t -> {
      if (t == null) {
        throw ApiError.notFound("Tiket " + id + " tidak ditemukan");
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
    if (raw == null) {
      return LocalDate.now(JAKARTA).minusWeeks(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
    var m = java.util.regex.Pattern.compile("(\\d{4})-W(\\d{2})").matcher(raw);
    if (!m.matches() || Integer.parseInt(m.group(2)) < 1 || Integer.parseInt(m.group(2)) > 53) {
      throw ApiError.badRequest("Minggu harus berbentuk 2026-W48");
    }
    return LocalDate.of(Integer.parseInt(m.group(1)), 1, 4)
        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(m.group(2)))
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** Checked by the route's schema (format date). */
  private static LocalDate date(String raw) {
    return raw == null ? null : LocalDate.parse(raw);
  }

  private static String digits(String raw) {
    return raw == null ? null : raw.replaceAll("[^0-9]", "");
  }
}
