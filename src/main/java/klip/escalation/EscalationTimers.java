package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.access.Principal;
import klip.tickets.TicketSummary;
import klip.tickets.Tickets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The SOP's clocks, checked periodically: a ticket neither answered nor escalated gets a warning some working
 * time before its deadline and an overdue alert at it (team leaders of its team, the desk, its agent); a
 * discussion nobody replied to in time alerts the next team leader on duty. Each alert is claimed with an
 * insert or a conditional update first, so a restart or a second node never sends it twice.
 */
final class EscalationTimers {

  private static final Logger log = LoggerFactory.getLogger(EscalationTimers.class);
  private Vertx vertx;
  private static final Duration LOOK_BACK = Duration.ofDays(31);

  private final Pool pool;
  private final Supplier<WorkingCalendar> calendar;
  private final TeamLeaders leaders;
  private final EscalationConfig config;
  private final Tickets tickets;
  private boolean running;
  private long passes;

  EscalationTimers(Pool pool, Supplier<WorkingCalendar> calendar, TeamLeaders leaders, EscalationConfig config,
                   Tickets tickets) {
    this.pool = pool;
    this.tickets = tickets;
    this.calendar = calendar;
    this.leaders = leaders;
    this.config = config;
  }

  /** Started by the escalation verticle, on its event loop. */
  Future<?> start(Vertx vertx) {
    this.vertx = vertx;
    vertx.setPeriodic(config.deadlineCheckMs(), id -> tick());
    return Future.succeededFuture();
  }

  private void tick() {
    if (running) {
      return;
    }
    running = true;
    long pass = ++passes;
    Future<Integer> deadlines = checkDeadlines();
    Future<Integer> discussions = checkDiscussions();
    Future.join(deadlines, discussions)
        .onFailure(err -> log.warn("Deadline check failed: {}", err.getMessage()))
        .onComplete(ar -> {
          running = false;
          if (ar.succeeded()) {
            // Says what a whole pass sent, so that "alerted once" is a fact to observe, not a quiet interval.
            vertx.eventBus().publish(Addresses.ESCALATION_CLOCKS_CHECKED, new JsonObject().put("pass", pass)
                .put("deadlineAlerts", deadlines.result()).put("discussionAlerts", discussions.result()));
          }
        });
  }

  private Future<Integer> checkDeadlines() {
    Instant now = Instant.now();
    Instant since = now.minus(LOOK_BACK);
    return pool.preparedQuery(EscalationQueries.OVERDUE_SINCE).execute(Tuple.of(OffsetDateTime.ofInstant(since,
            ZoneOffset.UTC)))
        .compose(overdue -> {
          List<Long> alerted = new ArrayList<>();
          overdue.forEach(r -> alerted.add(r.getLong("ticket_id")));
          return tickets.awaitingAnswer(since, alerted, 1000);
        })
        .compose(open -> {
          Future<Integer> chain = Future.succeededFuture(0);
          for (TicketSummary t : open) {
            Instant received = t.createdAt().toInstant();
            Instant deadline = calendar.get().deadlineFor(received);
            Instant warnAt = calendar.get().workingTimeBefore(deadline, Duration.ofMinutes(config.warningMinutes()));
            String kind = !now.isBefore(deadline) ? "overdue" : !now.isBefore(warnAt) ? "warning" : null;
            if (kind != null) {
              chain = chain.compose(sent -> alert(t.id(), t.agent(), kind, deadline).map(a -> a ? sent + 1 : sent));
            }
          }
          return chain;
        });
  }

  /** Sends the alert unless it was sent before; true when this call sent it. */
  private Future<Boolean> alert(long ticketId, String agent, String kind, Instant deadline) {
    return pool.preparedQuery("""
            INSERT INTO deadline_alerts (ticket_id, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING ticket_id
            """).execute(Tuple.of(ticketId, kind))
        .map(rows -> {
          if (!rows.iterator().hasNext()) {
            return false;
          }
          String team = leaders.byUsername(agent).map(Principal::team).orElse(null);
          JsonObject fact = new JsonObject().put("type", "deadline").put("kind", kind).put("ticketId", ticketId)
              .put("agent", agent).put("team", team).put("deadlineAt", deadline.toString());
          var bus = vertx.eventBus();
          bus.publish(Addresses.DEADLINE_ALERT, fact);
          bus.publish(Addresses.ESCALATION_DESK, fact);
          if (agent != null) {
            bus.publish(Addresses.agentPops(agent), fact);
          }
          leaders.inOrderFor(team).stream().filter(p -> team == null || team.equals(p.team()))
              .forEach(p -> bus.publish(Addresses.teamLeaderInbox(p.username()), fact));
          return true;
        });
  }

  private Future<Integer> checkDiscussions() {
    long timeoutMs = (long) (config.tlReplyTimeoutMin() * 60_000);
    OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(Duration.ofMillis(timeoutMs));
    return pool.preparedQuery(DiscussionQueries.UNANSWERED).execute(Tuple.of(before)).compose(rows -> {
      Future<Integer> chain = Future.succeededFuture(0);
      for (Row r : rows) {
        String current = r.getString("team_leader");
        String team = leaders.byUsername(r.getString("agent_username")).map(Principal::team).orElse(null);
        var next = leaders.nextAfter(current, team);
        if (next.isEmpty()) {
          continue;
        }
        long id = r.getLong("id");
        String nextName = next.get().username();
        chain = chain.compose(sent -> pool.preparedQuery(DiscussionQueries.ALERTED).execute(Tuple.of(id, nextName))
            .map(claimed -> {
              if (!claimed.iterator().hasNext()) {
                return sent;
              }
              vertx.eventBus().publish(Addresses.teamLeaderInbox(nextName), new JsonObject()
                  .put("type", "discussion").put("discussionId", id).put("ticketId", r.getLong("ticket_id"))
                  .put("agent", r.getString("agent_username")).put("question", r.getString("question"))
                  .put("unansweredBy", current));
              return sent + 1;
            }));
      }
      return chain;
    });
  }
}
