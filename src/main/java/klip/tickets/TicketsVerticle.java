package klip.tickets;

import klip.phone.PhoneNumbers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.facts.Backlog;
import klip.facts.FactQueue;
import klip.facts.BatchedReads;
import klip.facts.GroupCommit;
import klip.facts.WriteFence;
import klip.identity.AgentDirectory;
import klip.access.Principal;
import klip.observability.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns call facts into tickets: a ringing call opens its ticket (or moves it to the agent now ringing) and
 * pops it on that agent's screen; answers and hang-ups update it; a caller who left before any ring becomes a
 * missed call. Facts of one call are applied strictly in order, one after the other, and each is retried until it
 * is applied: the database being away delays tickets, it does not lose them.
 */
public final class TicketsVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(TicketsVerticle.class);
  /** Batches committing at once; the rest of the pool stays free for pop lookups and the API. */
  private static final int WRITE_CONNECTIONS = 2;
  /** Groups of pop lookups under way at once. */
  private static final int READ_CONNECTIONS = 2;

  private final Pool pool;
  private final AgentDirectory agents;
  private final PopService pops;
  private final WriteFence fence;
  private final Metrics.Counter opened;
  private final Backlog backlog;
  private FactQueue facts;
  /** Every write of a call fact goes through here: a burst of calls shares commits. */
  private GroupCommit writes;
  /** The pops' lookups: a burst of rings shares round trips. */
  private BatchedReads reads;
  private CallReconciler reconciler;
  /** Answers and ends: a burst's end of a call joins its waiting answer. */
  private CallProgress progress;
  private EventBus bus;

  /** @param fence checked in each transaction of call facts: only the node owning AMI writes them */
  public TicketsVerticle(Pool pool, AgentDirectory agents, PopService pops, Metrics metrics, Backlog backlog,
                         WriteFence fence) {
    this.fence = fence;
    this.pool = pool;
    this.agents = agents;
    this.pops = pops;
    this.backlog = backlog;
    this.opened = metrics.counter("klip_tickets_opened_total", "Tickets opened by a ringing call");
  }

  @Override
  public Future<?> start() {
    bus = vertx.eventBus();
    facts = new FactQueue(vertx, backlog);
    writes = new GroupCommit(pool, WRITE_CONNECTIONS, fence);
    reads = new BatchedReads(pool, READ_CONNECTIONS);
    reconciler = new CallReconciler(pool, writes, facts, this::callEnded);
    progress = new CallProgress(this::writeProgress);
    return Future.all(List.of(
        bus.<JsonObject>localConsumer(Addresses.CALL_RINGING, m -> inOrder(m.body(), () -> onRinging(m.body())))
            .completion(),
        bus.<JsonObject>localConsumer(Addresses.CALL_ANSWERED, m -> onAnswered(m.body())).completion(),
        bus.<JsonObject>localConsumer(Addresses.CALL_ENDED, m -> onEnded(m.body())).completion(),
        bus.<JsonObject>localConsumer(Addresses.CALL_TRANSFERRED, m -> inOrder(m.body(),
            () -> onTransferred(m.body()))).completion(),
        bus.<JsonObject>localConsumer(Addresses.CALL_MISSED, m -> inOrder(m.body(), () -> onMissed(m.body())))
            .completion(),
        // A recording that starts before any ring reaches the ticket with the ringing fact.
        bus.<JsonObject>localConsumer(Addresses.CALL_RECORDING, m -> {
          if (m.body().getBoolean("afterRing", true)) {
            inOrder(m.body(), () -> onRecording(m.body()));
          }
        }).completion(),
        bus.<JsonObject>localConsumer(Addresses.CALLS_RECONCILE, m -> reconciler.reconcile(m.body())
            .compose(v -> resendAfterStart(m.body()))
            .onFailure(err -> log.error("Reconciliation with Asterisk's live calls failed", err))).completion(),
        bus.<JsonObject>localConsumer(Addresses.RECORDINGS_DUE, m -> pool.query(TicketQueries.RECORDINGS_DUE).execute()
            .onSuccess(rows -> {
              JsonArray due = new JsonArray();
              rows.forEach(r -> due.add(RecordingDue.of(r)));
              m.reply(due);
            })
            .onFailure(err -> m.fail(503, err.getMessage()))).completion(),
        bus.<JsonObject>localConsumer(Addresses.RECORDING_SETTLED, m -> pool.preparedQuery(TicketQueries.RECORDING_SETTLED)
            .execute(Tuple.of(m.body().getString("callId")))
            .onSuccess(rows -> m.reply(true))
            .onFailure(err -> m.fail(503, err.getMessage()))).completion()));
  }

  /**
   * After this node started reading Asterisk (a start, or a take-over from a node that died), the pops a dead owner
   * stored but may not have sent go out again to every agent whose call is still live: an agent whose browser stayed
   * connected to another node would otherwise never see them. A browser ignores a pop it already shows.
   */
  private Future<Void> resendAfterStart(JsonObject reconcile) {
    if (!"start".equals(reconcile.getString("reason"))) {
      return Future.succeededFuture();
    }
    return pops.resendAllPending()
        .onSuccess(n -> {
          if (n > 0) {
            log.info("{} unacknowledged pop(s) of live calls sent again after start", n);
          }
        }).mapEmpty();
  }

  /** Queues the work for one call after the earlier work for the same call; retried until applied. */
  private void inOrder(JsonObject fact, Supplier<Future<?>> work) {
    progress.sealed(fact.getString("callId"));
    facts.submit(fact.getString("callId"), work);
  }

  /** Queues an answer or an end, unless it joined a waiting answer of the call ({@link CallProgress}). */
  private void inOrder(String callId, Supplier<Future<?>> work) {
    if (work != null) {
      facts.submit(callId, work);
    }
  }

  private Future<?> onRinging(JsonObject fact) {
    String callId = fact.getString("callId");
    String iface = fact.getString("interface");
    long eventAt = fact.getLong("eventAt");
    Optional<Principal> agent = agents.byInterface(iface);
    if (agent.isEmpty()) {
      log.warn("Call {} rang at {}, which belongs to no user in the roster; ticket kept without an agent",
          callId, iface);
    }
    String agentName = agent.map(Principal::username).orElse(null);
    String number = fact.getString("callerNumber") == null ? "" : fact.getString("callerNumber");
    String phone = PhoneNumbers.normalise(number);
    // The pop's lookups need only the number: they run alongside the ticket write, not after it, so the pop
    // waits for two database round trips instead of four.
    Future<PopService.Lookups> lookups = agentName == null ? null : pops.lookup(phone, callId, reads);
    return writes.execute(TicketQueries.OPEN_OR_MOVE, Tuple.of(callId, number, phone, fact.getString("callerName"), fact.getString("queue"), agentName,
            iface, PopService.at(eventAt), fact.getString("recordingUniqueId"), fact.getString("recordingFile")))
        .compose(rows -> {
          Row r = rows.iterator().next();
          long ticketId = r.getLong("id");
          String lastPopAgent = r.getString("last_pop_agent");
          if (r.getBoolean("inserted")) {
            opened(ticketId, fact);
          }
          if (agentName == null || !r.getBoolean("now_ringing_here") || agentName.equals(lastPopAgent)) {
            return Future.succeededFuture();
          }
          if (lastPopAgent != null) {
            bus.publish(Addresses.agentPops(lastPopAgent),
                new JsonObject().put("type", "withdrawn").put("ticketId", ticketId).put("movedTo", agentName));
          }
          return pops.pop(r, agentName, eventAt, lookups, writes);
        });
  }

  private void opened(long ticketId, JsonObject fact) {
    opened.inc();
    bus.publish(Addresses.TICKET_OPENED, new JsonObject().put("ticketId", ticketId).put("callId",
        fact.getString("callId")).put("callerNumber", fact.getString("callerNumber")));
  }

  private void onAnswered(JsonObject fact) {
    String callId = fact.getString("callId");
    String iface = fact.getString("interface");
    String agentName = agents.byInterface(iface).map(Principal::username).orElse(null);
    inOrder(callId, progress.answered(callId, new CallProgress.Answer(fact.getLong("eventAt"), iface, agentName)));
  }

  /**
   * The agent transferred the call away: the ticket rings again (its next ring moves it and pops it there) and the
   * agent's desk lets the call go, its typing kept on the server.
   */
  private Future<?> onTransferred(JsonObject fact) {
    String target = fact.getString("target", "");
    String to = target.startsWith("leader-") ? target.substring("leader-".length())
        : agents.byInterface(target).map(Principal::username).orElse(target);
    return writes.execute(TicketQueries.TRANSFERRED, Tuple.of(fact.getString("callId"),
            PopService.at(fact.getLong("eventAt")), fact.getString("fromInterface"), to))
        .onSuccess(rows -> rows.forEach(r -> {
          String from = r.getString("agent_username");
          if (from != null) {
            bus.publish(Addresses.agentPops(from), new JsonObject().put("type", "transferred")
                .put("ticketId", r.getLong("id")).put("to", to));
          }
          bus.publish(Addresses.TICKET_UPDATED, new JsonObject().put("ticketId", r.getLong("id"))
              .put("callStatus", "ringing"));
        }));
  }

  private void onEnded(JsonObject fact) {
    String callId = fact.getString("callId");
    inOrder(callId, progress.ended(callId, new CallProgress.End(fact.getLong("eventAt"),
        fact.getString("recordingUniqueId"), fact.getString("recordingFile"))));
  }

  private Future<?> writeProgress(String callId, CallProgress.Answer answer, CallProgress.End end) {
    if (end == null) {
      return writes.execute(TicketQueries.ANSWERED, Tuple.of(callId, PopService.at(answer.atMillis()),
          answer.agent(), answer.memberInterface())).onSuccess(rows -> rows.forEach(r -> connected(r, answer)));
    }
    if (answer == null) {
      return writes.execute(TicketQueries.ENDED, Tuple.of(callId, PopService.at(end.atMillis()),
          end.recordingUniqueId(), end.recordingFile())).onSuccess(rows -> rows.forEach(this::callEnded));
    }
    return writes.execute(TicketQueries.ANSWERED_AND_ENDED, Tuple.from(new Object[] {callId,
            PopService.at(answer.atMillis()), answer.agent(), answer.memberInterface(), PopService.at(end.atMillis()),
            end.recordingUniqueId(), end.recordingFile()}))
        .onSuccess(rows -> rows.forEach(r -> {
          if (r.getBoolean("answering")) {
            connected(r, answer);
          }
          if (r.getBoolean("ending")) {
            callEnded(r);
          }
        }));
  }

  private void connected(Row r, CallProgress.Answer answer) {
    notifyAgent(r.getString("agent_username"), r.getLong("id"), "connected",
        new JsonObject().put("answeredAt", java.time.Instant.ofEpochMilli(answer.atMillis()).toString()));
  }

  /** After the end is committed: the agent's screen and the board learn it, and the recording is handed over. */
  private void callEnded(Row r) {
    notifyAgent(r.getString("agent_username"), r.getLong("id"), r.getString("call_status"), new JsonObject()
        .put("answeredAt", TicketJson.iso(r.getOffsetDateTime("answered_at")))
        .put("endedAt", TicketJson.iso(r.getOffsetDateTime("ended_at"))));
    if (r.getBoolean("recording_due")) {
      bus.publish(Addresses.RECORDING_DUE, RecordingDue.of(r));
    }
  }

  private Future<?> onRecording(JsonObject fact) {
    return writes.execute(TicketQueries.RECORDING_ANNOUNCED, Tuple.of(fact.getString("callId"), fact.getString("uniqueId"), fact.getString("file")));
  }

  private Future<?> onMissed(JsonObject fact) {
    long leftAt = fact.getLong("eventAt");
    Long queuedAt = fact.getLong("queuedAt");
    long joined = queuedAt == null ? fact.getLong("firstSeenAt", leftAt) : queuedAt;
    String number = fact.getString("callerNumber") == null ? "" : fact.getString("callerNumber");
    return writes.execute(TicketQueries.MISSED, Tuple.of(fact.getString("callId"), number, PhoneNumbers.normalise(number),
            fact.getString("callerName"), fact.getString("queue"), PopService.at(joined), PopService.at(leftAt),
            (int) Math.max(0, (leftAt - joined) / 1000)))
        .onSuccess(rows -> bus.publish(Addresses.MISSED_CALL_RECORDED, new JsonObject()
            .put("callId", fact.getString("callId")).put("callerNumber", number)));
  }

  /** {@code times}: the server's stamps of the call (answeredAt, endedAt), from which the desk's timers count. */
  private void notifyAgent(String agent, long ticketId, String callStatus, JsonObject times) {
    if (agent != null) {
      bus.publish(Addresses.agentPops(agent), new JsonObject().put("type", "call").put("ticketId", ticketId)
          .put("callStatus", callStatus).mergeIn(times));
    }
    bus.publish(Addresses.TICKET_UPDATED, new JsonObject().put("ticketId", ticketId).put("callStatus", callStatus));
  }

}
