package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
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
import klip.tickets.LifecycleService;
import klip.tickets.TicketAccess;
import klip.tickets.Tickets;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Supplier;

/** Time limits: one ticket's countdown and per-tier clocks, the callback, and the SLA report by day and team. */
final class SlaApi implements HttpApi {

  private final Pool pool;
  private final LifecycleService lifecycle;
  private final Supplier<WorkingCalendar> calendar;
  private final EscalationConfig config;
  private final CallbackService callbacks;
  private final TicketAccess access;
  private final Tickets tickets;
  private final SlaReport report;

  SlaApi(Pool pool, LifecycleService lifecycle, Supplier<WorkingCalendar> calendar, EscalationConfig config,
         CallbackService callbacks, Tickets tickets, TicketAccess access, SlaReport report) {
    this.tickets = tickets;
    this.report = report;
    this.pool = pool;
    this.lifecycle = lifecycle;
    this.calendar = calendar;
    this.config = config;
    this.callbacks = callbacks;
    this.access = access;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/tickets/:id/sla", RequestSchema.id("id"), this::ticket);
    routes.change(HttpMethod.POST, "/tickets/:id/callback", RequestSchema.id("id"),
        ctx -> callbacks.call(RequestInput.of(ctx).pathId("id"), Principal.of(ctx), AuditedChange.inTransaction(ctx)));
    routes.json(HttpMethod.GET, "/reports/sla", RequestSchema.none().query("from", Fields.date())
        .query("to", Fields.date()), this::report);
  }

  private Future<JsonObject> ticket(RoutingContext ctx) {
    long id = RequestInput.of(ctx).pathId("id");
    Principal me = Principal.of(ctx);
    Instant now = Instant.now();
    return lifecycle.view(id).compose(t -> access.requireVisible(me, id, t.getString("agent")).map(t)).compose(t -> {
      Future<JsonObject> escalation = pool.preparedQuery(EscalationQueries.BY_TICKET).execute(Tuple.of(id))
          .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getUUID("id") : null)
          .compose(eid -> eid == null ? Future.succeededFuture() : pool.preparedQuery(EscalationQueries.BY_ID)
              .execute(Tuple.of(eid)).compose(rows -> EscalationJson.withTickets(rows, tickets))
              .map(list -> list.getJsonObject(0)));
      Future<JsonArray> calls = pool.preparedQuery("""
              SELECT id, agent_username, number, requested_at, outcome, detail FROM callbacks WHERE ticket_id = $1 ORDER BY id
              """).execute(Tuple.of(id)).map(rows -> {
                JsonArray list = new JsonArray();
                rows.forEach(r -> list.add(new JsonObject().put("id", r.getLong("id"))
                    .put("agent", r.getString("agent_username")).put("number", r.getString("number"))
                    .put("requestedAt", EscalationJson.iso(r.getOffsetDateTime("requested_at")))
                    .put("outcome", r.getString("outcome")).put("reason", failureReason(r.getString("outcome"),
                        r.getString("detail")))));
                return list;
              });
      return Future.all(escalation, calls).map(all -> {
        WorkingCalendar cal = calendar.get();
        Instant received = Instant.parse(t.getString("createdAt"));
        Instant deadline = cal.deadlineFor(received);
        Instant warnAt = cal.workingTimeBefore(deadline, Duration.ofMinutes(config.warningMinutes()));
        boolean open = t.getString("status").equals("received") || t.getString("status").equals("tl_discussion");
        return new JsonObject().put("ticketId", id).put("status", t.getString("status"))
            .put("receivedAt", received.toString()).put("deadlineAt", deadline.toString())
            .put("warnAt", warnAt.toString()).put("open", open)
            .put("remainingWorkingSeconds", open ? cal.workingTimeBetween(now, deadline).toSeconds() : null)
            .put("overdue", open && !now.isBefore(deadline)).put("warning", open && !now.isBefore(warnAt))
            .put("clocks", TierClocks.compute(t, escalation.result(), now))
            .put("escalation", escalation.result()).put("callbacks", calls.result());
      });
    });
  }

  private Future<JsonArray> report(RoutingContext ctx) {
    LocalDate to = date(ctx, "to", LocalDate.now(WorkingCalendar.JAKARTA));
    LocalDate from = date(ctx, "from", to.minusDays(13));
    if (from.isAfter(to) || from.plusDays(366).isBefore(to)) {
      throw ApiError.badRequest("Rentang tanggal tidak valid: 'from' <= 'to', paling lama 366 hari");
    }
    return report.between(from.atStartOfDay(WorkingCalendar.JAKARTA).toOffsetDateTime(),
        to.plusDays(1).atStartOfDay(WorkingCalendar.JAKARTA).toOffsetDateTime());
  }

  /** Checked by the route's schema (format date). */
  private static LocalDate date(RoutingContext ctx, String name, LocalDate fallback) {
    String raw = RequestInput.of(ctx).query(name);
    return raw == null ? fallback : LocalDate.parse(raw);
  }

  /** A failed callback's reason code (its detail starts with it: "no_answer: ..."), else null. */
  private static String failureReason(String outcome, String detail) {
    return "failed".equals(outcome) && detail != null && detail.contains(":") ? detail.substring(0, detail.indexOf(':'))
        : null;
  }
}
