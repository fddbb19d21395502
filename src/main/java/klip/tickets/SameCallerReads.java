package klip.tickets;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.access.Principal;
import klip.access.Roles;
import klip.http.ApiError;
import klip.http.ClientAddress;

/**
 * An agent reading another agent's ticket of a caller they have served themselves: agents answer a caller
 * consistently only when they can read what colleagues told that caller before, so such a ticket opens read-only
 * (its answer carries {@code readOnly: true}; every change still requires the ticket to be the agent's own) and
 * each such read is written to the audit log before the ticket is shown. Any other ticket of another agent stays
 * forbidden.
 */
final class SameCallerReads {

  private static final String SERVED_CALLER = """
      SELECT 1 FROM tickets mine JOIN tickets other ON other.caller_phone = mine.caller_phone
      WHERE other.id = $1 AND mine.agent_username = $2 AND mine.caller_phone IS NOT NULL AND mine.caller_phone <> ''
      LIMIT 1
      """;

  private final Pool pool;

  SameCallerReads(Pool pool) {
    this.pool = pool;
  }

  /**
   * {@code ticket} as this agent may read it after {@code refused}: read-only when they served the same caller,
   * audited; otherwise the refusal stands.
   */
  Future<JsonObject> readOnlyOrRefuse(RoutingContext ctx, JsonObject ticket, Throwable refused) {
    Principal me = Principal.of(ctx);
    if (!(refused instanceof ApiError e) || e.status() != 403 || !me.hasRole(Roles.AGENT)) {
      return Future.failedFuture(refused);
    }
    long id = ticket.getLong("id");
    return pool.preparedQuery(SERVED_CALLER).execute(Tuple.of(id, me.username())).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        return Future.failedFuture(refused);
      }
      JsonObject entry = new JsonObject().put("actor", me.username()).put("action", "ticket.read_same_caller")
          .put("target", "/api/tickets/" + id).put("remoteAddress", ClientAddress.of(ctx))
          .put("detail", new JsonObject().put("ticketId", id).put("owner", ticket.getString("agent")));
      return ctx.vertx().eventBus().request(Addresses.AUDIT_RECORD, entry)
          .map(v -> ticket.put("readOnly", true));
    });
  }
}
