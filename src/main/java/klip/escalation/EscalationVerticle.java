package klip.escalation;

import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import klip.identity.Teams;
import klip.identity.UserDirectory;
import klip.tickets.TicketAccess;
import klip.tickets.Tickets;
import klip.tickets.LifecycleService;
import klip.tickets.TicketStatus;
import klip.web.HttpApi;

import java.util.ArrayList;
import java.util.List;

/**
 * The escalation capability as {@code KlipServer} wires it: the calendar, the lifecycle effects, the desk's
 * consumer before the outbox publisher (so a restart never publishes into the void), and the HTTP APIs.
 */
public final class EscalationCapability {

  private final Vertx vertx;
  private final Pool pool;
  private final EscalationConfig config;
  private final CalendarStore calendar;
  private final EscalationService escalations;
  private final TeamLeaders leaders;
  private final DiscussionService discussions;
  private final SlaApi sla;
  private final Tickets tickets;

  public EscalationCapability(Vertx vertx, Pool pool, LifecycleService lifecycle, UserDirectory users,
                              EscalationConfig config, Tickets tickets, Teams teams, TicketAccess access) {
    this.tickets = tickets;
    this.vertx = vertx;
    this.pool = pool;
    this.config = config;
    this.calendar = new CalendarStore(vertx, pool, config);
    DirectorateChannel channel = config.channel().equals("webhook")
        ? new WebhookChannel(vertx, config.webhookUrl(), config.webhookAttempts(), config.webhookBackoffMs())
        : new DemoDirectorateChannel(vertx.eventBus());
    this.escalations = new EscalationService(pool, vertx.eventBus(), lifecycle, channel, tickets);
    lifecycle.onEntering(TicketStatus.ESCALATED, new EscalationRaiser(vertx.eventBus(), calendar::calendar));
    lifecycle.onEntering(TicketStatus.DIRECTORATE_ANSWERED, new HandBack(vertx.eventBus()));
    this.leaders = new TeamLeaders(users);
    this.discussions = new DiscussionService(pool, vertx.eventBus(), lifecycle, tickets);
    lifecycle.onEntering(TicketStatus.TL_DISCUSSION, new DiscussionOpener(vertx.eventBus(), leaders));
    lifecycle.onEntering(TicketStatus.ANSWERED, new DiscussionCloser());
    lifecycle.onEntering(TicketStatus.ESCALATED, new DiscussionCloser());
    this.sla = new SlaApi(pool, lifecycle, calendar::calendar, config,
        new CallbackService(pool, vertx.eventBus(), tickets), tickets, access, new SlaReport(pool, tickets, teams));
  }

  /** Loads (and on first start seeds) the working calendar. */
  public Future<Void> prepare() {
    return calendar.start();
  }

  /** Once the verticles run: sends again what a stopped server left half-forwarded. */
  public Future<Void> resume() {
    return escalations.resumeForwarding();
  }

  /** In deployment order. */
  public List<Deployable> verticles() {
    List<Deployable> list = new ArrayList<>();
    list.add(new EscalationDeskVerticle(pool));
    if (config.publishOutbox()) {
      list.add(new OutboxPublisher(pool, config.outboxPollMs()));
    }
    list.add(new EscalationTimers(pool, calendar::calendar, leaders, config, tickets));
    return list;
  }

  public List<HttpApi> apis() {
    return List.of(new EscalationApi(pool, escalations, tickets), new CalendarApi(calendar), new DiscussionApi(discussions),
        sla);
  }
}
