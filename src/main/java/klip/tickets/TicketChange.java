package klip.tickets;

import io.vertx.core.json.JsonObject;
import klip.access.Principal;

import java.time.OffsetDateTime;

/** A committed (or committing) status change: the ticket as it was before, who moved it, and to where. */
public record TicketChange(long ticketId, TicketStatus from, TicketStatus to, int newVersion, Principal actor,
                           OffsetDateTime at, Transition transition, JsonObject ticketBefore) {

  public String agent() {
    return ticketBefore.getString("agent");
  }

  public JsonObject toJson() {
    return new JsonObject().put("ticketId", ticketId).put("from", from.code()).put("to", to.code())
        .put("version", newVersion).put("actor", actor.username()).put("at", at.toInstant().toString());
  }
}
