package klip.tickets;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.access.Principal;
import klip.access.Roles;
import klip.http.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.function.Function;
import java.util.Map;

/**
 * Applies {@link TicketLifecycle} to stored tickets: one transaction locks the ticket, checks the version the
 * requester saw, the move and the mover, changes the status, writes the timeline row and runs the effects
 * other capabilities registered for the new status. After commit, the agent's desktop and the ticket's
 * subscribers are told.
 */
public final class LifecycleService {

  private static final Logger log = LoggerFactory.getLogger(LifecycleService.class);

  private final Pool pool;
  private final EventBus bus;
  private final Map<TicketStatus, List<TransitionEffect>> effects = new EnumMap<>(TicketStatus.class);

  public LifecycleService(Pool pool, EventBus bus) {
    this.pool = pool;
    this.bus = bus;
  }

  /** Registers work to do whenever a ticket enters {@code status}; call before the server takes requests. */
  public void onEntering(TicketStatus status, TransitionEffect effect) {
    effects.computeIfAbsent(status, s -> new ArrayList<>()).add(effect);
  }

  public Future<TicketChange> transition(long ticketId, Transition transition, Principal actor) {
    return transition(ticketId, transition, actor, conn -> Future.succeededFuture());
  }

  /** As above, with {@code alsoInTransaction} (the API change's audit entry) committed with the change, last. */
  public Future<TicketChange> transition(long ticketId, Transition transition, Principal actor,
                                         Function<SqlConnection, Future<Void>> alsoInTransaction) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<TransitionEffect> todo = effects.getOrDefault(transition.to(), List.of());
    return pool.withTransaction(conn -> lock(conn, ticketId)
        .compose(before -> {
          TicketChange change = check(before, transition, actor, now);
          return conn.preparedQuery(LifecycleQueries.MOVE)
              .execute(Tuple.from(new Object[] {ticketId, transition.to().code(), now, transition.answer(),
                  transition.storedSource(), transition.articleId(), transition.articleVersion()}))
              .compose(rows -> {
                TicketChange done = new TicketChange(ticketId, change.from(), change.to(),
                    rows.iterator().next().getInteger("version"), actor, now, transition, before);
                return conn.preparedQuery(TicketQueries.ADD_EVENT)
                    .execute(Tuple.of(ticketId, now, actor.username(), "transition", detail(done)))
                    .compose(v -> runEffects(conn, todo, done))
                    .compose(v -> alsoInTransaction.apply(conn))
                    .map(done);
              });
        }))
        .onSuccess(change -> afterCommit(change, todo));
  }

  private static Future<JsonObject> lock(SqlConnection conn, long ticketId) {
    return load(conn, LifecycleQueries.LOCK, ticketId);
  }

  private static Future<JsonObject> load(io.vertx.sqlclient.SqlClient client, String sql, long ticketId) {
    return client.preparedQuery(sql).execute(Tuple.of(ticketId)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        throw ApiError.notFound("Tiket " + ticketId + " tidak ditemukan");
      }
      Row r = rows.iterator().next();
      return TicketJson.ticket(r).put("answer", r.getString("answer")).put("answerSource", r.getString("answer_source"))
          .put("answerArticleId", r.getLong("answer_article_id"))
          .put("answerArticleVersion", r.getInteger("answer_article_version"))
          .put("statusChangedAt", TicketJson.iso(r.getOffsetDateTime("status_changed_at")))
          .put("resolvedAt", TicketJson.iso(r.getOffsetDateTime("resolved_at")));
    });
  }

  private static TicketChange check(JsonObject before, Transition t, Principal actor, OffsetDateTime now) {
    long id = before.getLong("id");
    if (actor.hasRole(Roles.AGENT) && !actor.username().equals(before.getString("agent"))) {
      throw ApiError.forbidden("Tiket ini bukan milik Anda");
    }
    int current = before.getInteger("version");
    if (t.version() != null && t.version() != current) {
      throw ApiError.conflict("Tiket telah diubah oleh orang lain; muat ulang lalu coba lagi (version "
          + t.version() + " is out of date, current is " + current + ")");
    }
    TicketStatus from = TicketStatus.fromCode(before.getString("status")).orElseThrow();
    TicketLifecycle.refusal(from, t.to()).ifPresent(reason -> {
      throw ApiError.conflict(reason);
    });
    if (!TicketLifecycle.mayMove(actor.role(), t.to())) {
      throw ApiError.forbidden("Peran Anda tidak boleh memindahkan tiket ke '" + t.to() + "'");
    }
    return new TicketChange(id, from, t.to(), current, actor, now, t, before);
  }

  private static JsonObject detail(TicketChange c) {
    Transition t = c.transition();
    JsonObject detail = new JsonObject().put("from", c.from().code()).put("to", c.to().code())
        .put("version", c.newVersion()).put("role", c.actor().role());
    if (t.answer() != null) {
      detail.put("answer", t.answer()).put("source", t.storedSource());
    }
    if (t.articleId() != null) {
      detail.put("articleId", t.articleId()).put("articleVersion", t.articleVersion());
    }
    if (t.note() != null) {
      detail.put("note", t.note());
    }
    // Whether the taxpayer was still on the line: the SOP wants questions answered during the call.
    detail.put("callStatus", c.ticketBefore().getString("callStatus"));
    return detail.mergeIn(t.extra());
  }

  private static Future<Void> runEffects(SqlConnection conn, List<TransitionEffect> todo, TicketChange change) {
    Future<Void> chain = Future.succeededFuture();
    for (TransitionEffect effect : todo) {
      chain = chain.compose(v -> effect.inTransaction(conn, change));
    }
    return chain;
  }

  private void afterCommit(TicketChange change, List<TransitionEffect> todo) {
    JsonObject fact = change.toJson();
    if (change.agent() != null) {
      bus.publish(Addresses.agentPops(change.agent()), fact.copy().put("type", "status"));
    }
    bus.publish(Addresses.TICKET_UPDATED, fact.copy().put("status", change.to().code()));
    if (change.to() == TicketStatus.ANSWERED || change.to() == TicketStatus.DIRECTORATE_ANSWERED) {
      // SOP step 4: an answer from a discussion (or the directorate) is material for the SIKP update queue.
      Transition t = change.transition();
      bus.publish(Addresses.TICKET_ANSWERED, fact.copy().put("answer", t.answer()).put("source", t.storedSource())
          .put("articleId", t.articleId()).put("articleVersion", t.articleVersion())
          .put("question", change.ticketBefore().getString("question"))
          .put("application", change.ticketBefore().getString("application")));
    }
    for (TransitionEffect effect : todo) {
      try {
        effect.afterCommit(change);
      } catch (RuntimeException e) {
        log.error("Ticket {}: after-commit effect of {} failed", change.ticketId(), change.to(), e);
      }
    }
  }

  /** The ticket's lifecycle view: status, version, answer, legal next statuses and the transitions so far. */
  public Future<JsonObject> view(long ticketId) {
    return load(pool, LifecycleQueries.VIEW, ticketId).compose(ticket ->
        pool.preparedQuery(LifecycleQueries.TRANSITIONS).execute(Tuple.of(ticketId)).map(rows -> {
          JsonArray transitions = new JsonArray();
          rows.forEach(r -> transitions.add(r.getJsonObject("detail").copy()
              .put("at", TicketJson.iso(r.getOffsetDateTime("at"))).put("actor", r.getString("actor"))));
          TicketStatus status = TicketStatus.fromCode(ticket.getString("status")).orElseThrow();
          JsonArray next = new JsonArray();
          TicketLifecycle.next(status).forEach(s -> next.add(s.code()));
          return ticket.put("next", next).put("transitions", transitions);
        }));
  }
}
