package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.access.Principal;
import klip.access.Roles;
import klip.tickets.LifecycleService;
import klip.tickets.TicketStatus;
import klip.tickets.TicketSummary;
import klip.tickets.Tickets;
import klip.tickets.Transition;
import klip.http.ApiError;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

/** Asking a team leader, the thread's messages, and the live pushes to both sides. */
final class DiscussionService {

  private final Pool pool;
  private final EventBus bus;
  private final LifecycleService lifecycle;
  private final Tickets tickets;

  DiscussionService(Pool pool, EventBus bus, LifecycleService lifecycle, Tickets tickets) {
    this.pool = pool;
    this.tickets = tickets;
    this.bus = bus;
    this.lifecycle = lifecycle;
  }

  /** Moves the ticket into discussion (which opens the thread and tells the team leader); returns the thread. */
  Future<JsonObject> ask(long ticketId, int version, String question, JsonArray suggestions, Principal agent,
                         Function<SqlConnection, Future<Void>> audit) {
    JsonObject extra = new JsonObject().put("suggestions", suggestions == null ? new JsonArray() : suggestions);
    if (question != null) {
      extra.put("question", question);
    }
    Transition t = new Transition(TicketStatus.TL_DISCUSSION, version, null, null, null, null, null, extra);
    return lifecycle.transition(ticketId, t, agent, audit).compose(change -> get(extra.getLong("discussionId"), agent)
        .map(d -> d.put("ticketVersion", change.newVersion())));
  }

  Future<JsonArray> openFor(Principal me) {
    return pool.preparedQuery(DiscussionQueries.OPEN_FOR).execute(Tuple.of(me.username()))
        .compose(this::withTickets);
  }

  Future<JsonObject> get(long id, Principal me) {
    return load(id, me).compose(d -> pool.preparedQuery(DiscussionQueries.MESSAGES).execute(Tuple.of(id))
        .map(rows -> {
          JsonArray messages = new JsonArray();
          rows.forEach(r -> messages.add(message(r)));
          return d.put("messages", messages);
        }));
  }

  /** Adds a message; the other side sees it live (the agent during the call, the team leader on the inbox). */
  Future<JsonObject> post(long id, String body, Principal me, Function<SqlConnection, Future<Void>> audit) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return load(id, me).compose(d -> {
      if (d.getString("closedAt") != null) {
        throw ApiError.conflict("Diskusi sudah ditutup");
      }
      boolean fromLeader = !me.username().equals(d.getString("agent"));
      return pool.withTransaction(conn -> conn.preparedQuery(DiscussionQueries.ADD_MESSAGE)
              .execute(Tuple.of(id, me.username(), body, now))
              .compose(rows -> fromLeader
                  ? conn.preparedQuery(DiscussionQueries.FIRST_REPLY).execute(Tuple.of(id, now)).map(rows)
                  : Future.succeededFuture(rows))
              .compose(rows -> audit.apply(conn).map(rows)))
          .map(rows -> {
            JsonObject msg = new JsonObject().put("id", rows.iterator().next().getLong("id"))
                .put("author", me.username()).put("authorName", me.displayName()).put("body", body)
                .put("at", now.toInstant().toString());
            JsonObject push = msg.copy().put("discussionId", id).put("ticketId", d.getLong("ticketId"));
            if (fromLeader) {
              bus.publish(Addresses.agentPops(d.getString("agent")), push.put("type", "discussion_reply"));
            } else {
              push.put("type", "discussion_message");
              bus.publish(Addresses.teamLeaderInbox(d.getString("teamLeader")), push);
              if (d.getString("alertedLeader") != null) {
                bus.publish(Addresses.teamLeaderInbox(d.getString("alertedLeader")), push);
              }
            }
            return msg;
          });
    });
  }

  /** The discussion if {@code me} takes part in it (team leaders may read any, they stand in for each other). */
  private Future<JsonObject> load(long id, Principal me) {
    return pool.preparedQuery(DiscussionQueries.BY_ID).execute(Tuple.of(id)).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        throw ApiError.notFound("Diskusi " + id + " tidak ditemukan");
      }
      return withTickets(rows);
    }).map(list -> {
      JsonObject d = list.getJsonObject(0);
      if (!me.hasRole(Roles.TEAM_LEADER) && !me.username().equals(d.getString("agent"))) {
        throw ApiError.forbidden("Diskusi ini bukan milik Anda");
      }
      return d;
    });
  }

  /** Each discussion with its ticket's caller, application and status, in the rows' order. */
  private Future<JsonArray> withTickets(RowSet<Row> rows) {
    return EscalationJson.withTickets(rows, tickets, DiscussionService::json);
  }

  static JsonObject json(Row r, TicketSummary t) {
    return new JsonObject().put("id", r.getLong("id")).put("ticketId", r.getLong("ticket_id"))
        .put("agent", r.getString("agent_username")).put("teamLeader", r.getString("team_leader"))
        .put("question", r.getString("question")).put("context", r.getJsonObject("context"))
        .put("openedAt", EscalationJson.iso(r.getOffsetDateTime("opened_at")))
        .put("firstReplyAt", EscalationJson.iso(r.getOffsetDateTime("first_reply_at")))
        .put("alertedLeader", r.getString("alerted_leader"))
        .put("alertedAt", EscalationJson.iso(r.getOffsetDateTime("alerted_at")))
        .put("closedAt", EscalationJson.iso(r.getOffsetDateTime("closed_at")))
        .put("callerNumber", t == null ? null : t.callerNumber()).put("callerName", t == null ? null : t.callerName())
        .put("application", t == null ? null : t.application()).put("ticketStatus", t == null ? null : t.status())
        .put("callStatus", t == null ? null : t.callStatus()).put("messages", r.getLong("messages"));
  }

  private static JsonObject message(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("author", r.getString("author"))
        .put("body", r.getString("body")).put("at", EscalationJson.iso(r.getOffsetDateTime("at")));
  }
}
