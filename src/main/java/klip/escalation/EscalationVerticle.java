package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import klip.http.HttpApi;
import klip.identity.UserDirectory;
import klip.identity.Teams;
import klip.tickets.LifecycleService;
import klip.tickets.TicketAccess;
import klip.tickets.TicketStatus;
import klip.tickets.Tickets;
import klip.tickets.TransitionEffect;

import java.util.List;
import java.util.Map;

/**
 * The escalation capability's one verticle: on its event loop it loads the working calendar, starts the desk's
 * consumer before the outbox publisher (so a restart never publishes into the void), the deadline and discussion
 * timers, and sends again what a stopped server left half-forwarded. The server registers its lifecycle effects
 * and mounts its HTTP APIs.
 */
public final class EscalationVerticle extends VerticleBase {

  private final Pool pool;
  private final EscalationConfig config;
  private final Tickets tickets;
  private final CalendarStore calendar;
  /** Where the calendar LISTENs for edits made on other nodes (null: no listening). */
  private final PgConnectOptions listen;
  private final EscalationService escalations;
  private final TeamLeaders leaders;
  private final DiscussionService discussions;
  private final SlaApi sla;
  private final List<Map.Entry<TicketStatus, TransitionEffect>> effects;

  public EscalationVerticle(io.vertx.core.Vertx vertx, Pool pool, LifecycleService lifecycle, UserDirectory users,
                            EscalationConfig config, Tickets tickets, Teams teams, TicketAccess access,
                            PgConnectOptions listen) {
    this.pool = pool;
    this.listen = listen;
    this.config = config;
    this.tickets = tickets;
    this.calendar = new CalendarStore(vertx, pool, config);
    DirectorateChannel channel = config.channel().equals("webhook")
        ? new WebhookChannel(vertx, config.webhookUrl(), config.webhookAttempts(), config.webhookBackoffMs())
        : new DemoDirectorateChannel(vertx.eventBus());
    this.escalations = new EscalationService(pool, vertx.eventBus(), lifecycle, channel, tickets);
    this.leaders = new TeamLeaders(users);
    this.discussions = new DiscussionService(pool, vertx.eventBus(), lifecycle, tickets);
    this.sla = new SlaApi(pool, lifecycle, calendar::calendar, config,
        new CallbackService(pool, vertx.eventBus(), tickets), tickets, access, new SlaReport(pool, tickets, teams));
    this.effects = List.of(
        Map.entry(TicketStatus.ESCALATED, new EscalationRaiser(vertx.eventBus(), calendar::calendar)),
        Map.entry(TicketStatus.DIRECTORATE_ANSWERED, new HandBack(vertx.eventBus())),
        Map.entry(TicketStatus.TL_DISCUSSION, new DiscussionOpener(vertx.eventBus(), leaders)),
        Map.entry(TicketStatus.ANSWERED, new DiscussionCloser()),
        Map.entry(TicketStatus.ESCALATED, new DiscussionCloser()));
  }

  /** What escalation does inside a ticket's transition, in the order to register them. */
  public List<Map.Entry<TicketStatus, TransitionEffect>> effects() {
    return effects;
  }

  public List<HttpApi> apis() {
    return List.of(new EscalationApi(pool, escalations, tickets,
        new DeskRows(pool, calendar::calendar)), new CalendarApi(calendar),
        new DiscussionApi(discussions), sla);
  }

  @Override
  public Future<?> start() {
    Future<?> started = calendar.start()
        .onSuccess(v -> calendar.listen(listen))
        .compose(v -> new EscalationDesk(pool).start(vertx));
    if (config.publishOutbox()) {
      started = started.compose(v -> new OutboxPublisher(pool, config.outboxPollMs()).start(vertx));
    }
    return started
        .compose(v -> new EscalationTimers(pool, calendar::calendar, leaders, config, tickets).start(vertx))
        .compose(v -> escalations.resumeForwarding());
  }

  @Override
  public Future<?> stop() {
    return calendar.stopListening();
  }
}
