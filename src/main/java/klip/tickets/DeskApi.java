package klip.tickets;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.Schemas;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import klip.access.Principal;
import klip.http.ApiError;
import klip.http.AuditedChange;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;

/**
 * The agent desk's memory on the server: a versioned draft per ticket, saved as the agent types, and the agent's
 * open work (live call, unfinished tickets and their drafts), which a reloaded desk asks for to come back exactly
 * where it was.
 */
public final class DeskApi implements HttpApi {

  private final Pool pool;
  private final TicketAccess access;

  public DeskApi(Pool pool, TicketAccess access) {
    this.pool = pool;
    this.access = access;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/tickets/:id/draft", RequestSchema.id("id"), this::draft);
    // The draft's own field names and values are checked by TicketDraft (the desk's names, kept as they are).
    routes.change(HttpMethod.PUT, "/tickets/:id/draft", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("version", Fields.whole(0, Integer.MAX_VALUE))
        .requiredProperty("fields", Schemas.objectSchema())).path("id", Fields.id()), this::saveDraft);
    routes.json(HttpMethod.GET, "/desk/state", this::state);
  }

  private Future<JsonObject> draft(RoutingContext ctx) {
    long id = RequestInput.of(ctx).pathId("id");
    return requireVisible(ctx, id)
        .compose(v -> pool.preparedQuery(DraftQueries.BY_TICKET).execute(Tuple.of(id)))
        .map(rows -> {
          if (!rows.iterator().hasNext()) {
            return new JsonObject().put("ticketId", id).put("version", 0).put("fields", new JsonObject());
          }
          Row r = rows.iterator().next();
          return new JsonObject().put("ticketId", id).put("version", r.getInteger("version"))
              .put("fields", r.getJsonObject("fields"))
              .put("updatedAt", TicketJson.iso(r.getOffsetDateTime("updated_at")));
        });
  }

  private Future<JsonObject> saveDraft(RoutingContext ctx) {
    long id = RequestInput.of(ctx).pathId("id");
    TicketDraft draft = TicketDraft.from(RequestInput.of(ctx).body());
    String author = Principal.of(ctx).username();
    return requireVisible(ctx, id)
        .compose(v -> pool.withTransaction(conn -> conn.preparedQuery(DraftQueries.SAVE)
            .execute(Tuple.of(id, author, draft.version(), draft.fields()))
            .compose(rows -> {
              if (!rows.iterator().hasNext()) {
                throw ApiError.conflict("Draf tiket " + id + " sudah diubah di tempat lain; muat ulang untuk melihat "
                    + "isian terbaru");
              }
              Row r = rows.iterator().next();
              return AuditedChange.within(ctx, conn).map(x -> new JsonObject().put("ticketId", id)
                  .put("version", r.getInteger("version")).put("updatedAt", TicketJson.iso(r.getOffsetDateTime("updated_at"))));
            })));
  }

  /** {@code {live: ticket|null, open: [{ticket, draft}]}}: what the agent's desk shows after a reload. */
  private Future<JsonObject> state(RoutingContext ctx) {
    return pool.preparedQuery(DraftQueries.OPEN_WORK).execute(Tuple.of(Principal.of(ctx).username())).map(rows -> {
      JsonArray open = new JsonArray();
      JsonObject live = null;
      for (Row r : rows) {
        JsonObject ticket = TicketJson.ticket(r);
        Integer draftVersion = r.getInteger("draft_version");
        JsonObject draft = new JsonObject().put("version", draftVersion == null ? 0 : draftVersion)
            .put("fields", draftVersion == null ? new JsonObject() : r.getJsonObject("draft_fields"));
        open.add(new JsonObject().put("ticket", ticket).put("draft", draft));
        boolean onCall = "ringing".equals(ticket.getString("callStatus"))
            || "connected".equals(ticket.getString("callStatus"));
        if (live == null && onCall) {
          live = ticket;
        }
      }
      return new JsonObject().put("live", live).put("open", open);
    });
  }

  private Future<Void> requireVisible(RoutingContext ctx, long id) {
    return pool.preparedQuery(TicketQueries.BY_ID).execute(Tuple.of(id)).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        return Future.failedFuture(ApiError.notFound("Tiket " + id + " tidak ditemukan"));
      }
      return access.requireVisible(Principal.of(ctx), id, rows.iterator().next().getString("agent_username"));
    });
  }
}
