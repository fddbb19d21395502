package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.access.Principal;
import klip.tickets.TicketChange;
import klip.tickets.TransitionEffect;
import klip.http.ApiError;

/**
 * Entering 'tl_discussion': opens the thread with the agent's team leader in the same transaction, then tells
 * that team leader at once. The question and the SIKP suggestions the agent saw travel in the transition's
 * extra fields ({@code question}, {@code suggestions}); without them the ticket's question is used.
 */
final class DiscussionOpener implements TransitionEffect {

  private final EventBus bus;
  private final TeamLeaders leaders;

  DiscussionOpener(EventBus bus, TeamLeaders leaders) {
    this.bus = bus;
    this.leaders = leaders;
  }

  @Override
  public Future<Void> inTransaction(SqlConnection conn, TicketChange change) {
    JsonObject extra = change.transition().extra();
    String question = extra.getString("question", change.ticketBefore().getString("question"));
    if (question == null || question.isBlank()) {
      return Future.failedFuture(ApiError.badRequest("Tuliskan pertanyaan untuk team leader"));
    }
    String agent = change.agent() == null ? change.actor().username() : change.agent();
    String team = leaders.byUsername(agent).map(Principal::team).orElse(change.actor().team());
    Principal leader = leaders.firstFor(team).orElseThrow(() -> ApiError.conflict(
        "Tidak ada team leader yang bertugas"));
    JsonObject context = new JsonObject().put("suggestions", extra.getJsonArray("suggestions"))
        .put("application", change.ticketBefore().getString("application"));
    return conn.preparedQuery(DiscussionQueries.OPEN)
        .execute(Tuple.of(change.ticketId(), agent, leader.username(), question, context, change.at()))
        .map(rows -> {
          extra.put("discussionId", rows.iterator().next().getLong("id")).put("teamLeader", leader.username());
          return null;
        });
  }

  @Override
  public void afterCommit(TicketChange change) {
    JsonObject extra = change.transition().extra();
    JsonObject fact = new JsonObject().put("type", "discussion").put("discussionId", extra.getLong("discussionId"))
        .put("ticketId", change.ticketId()).put("agent", change.agent())
        .put("question", extra.getString("question", change.ticketBefore().getString("question")))
        .put("callerNumber", change.ticketBefore().getString("callerNumber"))
        .put("suggestions", extra.getJsonArray("suggestions")).put("at", change.at().toInstant().toString());
    bus.publish(Addresses.teamLeaderInbox(extra.getString("teamLeader")), fact);
  }
}
