package klip.tickets;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import klip.access.Principal;
import klip.http.ApiError;
import klip.http.AuditedChange;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;
import klip.phone.PhoneNumbers;

/** The tickets' HTTP API: lookups, the ticket form, attaching a taxpayer, acknowledging pops. */
public final class TicketsApi implements HttpApi {

  private final Pool pool;
  private final TicketAccess access;
  private final PopService pops;
  private final SameCallerReads sameCaller;

  public TicketsApi(Pool pool, PopService pops, TicketAccess access) {
    this.pool = pool;
    this.access = access;
    this.pops = pops;
    this.sameCaller = new SameCallerReads(pool);
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/applications", ctx -> pool.query(TicketQueries.APPLICATIONS).execute()
        .map(rows -> {
          JsonArray list = new JsonArray();
          rows.forEach(r -> list.add(new JsonObject().put("code", r.getString("code")).put("label", r.getString("label"))));
          return list;
        }));
    routes.json(HttpMethod.GET, "/tickets", RequestSchema.none()
        .query("phone", Fields.text(60).withKeyword("description", "Caller number in any form (+62, 0, spaces, "
            + "dashes); without it, the signed-in agent's own tickets"))
        .query("limit", Fields.whole(1, 500, 50)), this::list);
    routes.json(HttpMethod.GET, "/tickets/:id", RequestSchema.id("id"), this::get);
    routes.change(HttpMethod.PUT, "/tickets/:id", RequestSchema.body(TicketForm.schema()).path("id", Fields.id()),
        this::saveForm);
    routes.change(HttpMethod.POST, "/tickets/:id/taxpayer", RequestSchema.body(TaxpayerIdentity.schema())
        .path("id", Fields.id()), this::attachTaxpayer);
    routes.json(HttpMethod.POST, "/pops/:id/ack", RequestSchema.id("id"), this::ack);
    routes.json(HttpMethod.GET, "/missed-calls", RequestSchema.none().query("limit", Fields.whole(1, 1000, 100)),
        ctx -> pool.preparedQuery(TicketQueries.MISSED_LIST)
        .execute(Tuple.of(RequestInput.of(ctx).queryInt("limit")))
        .map(TicketsApi::missedJson));
  }

  private Future<JsonArray> list(RoutingContext ctx) {
    RequestInput input = RequestInput.of(ctx);
    String phone = input.query("phone");
    int limit = input.queryInt("limit");
    if (phone != null) {
      String normalised = PhoneNumbers.normalise(phone);
      if (normalised.length() < 4 || normalised.length() > 20) {
        throw ApiError.badRequest("Nomor telepon tidak valid: 4 sampai 20 digit");
      }
      return pool.preparedQuery(TicketQueries.HISTORY_BY_PHONE).execute(Tuple.of(normalised, -1L, limit))
          .map(TicketsApi::summaries);
    }
    return pool.preparedQuery(TicketQueries.BY_AGENT).execute(Tuple.of(Principal.of(ctx).username(), limit))
        .map(TicketsApi::summaries);
  }

  private Future<JsonObject> get(RoutingContext ctx) {
    long id = RequestInput.of(ctx).pathId("id");
    return loadReadable(ctx, id).compose(ticket -> {
      Future<RowSet<Row>> rings = pool.preparedQuery(TicketQueries.RINGS).execute(Tuple.of(id));
      Future<RowSet<Row>> events = pool.preparedQuery(TicketQueries.EVENTS).execute(Tuple.of(id));
      Future<RowSet<Row>> taxpayers = pool.preparedQuery(TicketQueries.TAXPAYERS_BY_PHONE)
          .execute(Tuple.of(PhoneNumbers.normalise(ticket.getString("callerNumber"))));
      return Future.all(rings, events, taxpayers).map(all -> {
        JsonArray ringList = new JsonArray();
        rings.result().forEach(r -> ringList.add(new JsonObject().put("attempt", r.getInteger("attempt"))
            .put("agent", r.getString("agent_username")).put("interface", r.getString("agent_interface"))
            .put("rangAt", TicketJson.iso(r.getOffsetDateTime("rang_at")))));
        JsonArray timeline = new JsonArray();
        events.result().forEach(r -> timeline.add(new JsonObject().put("at", TicketJson.iso(r.getOffsetDateTime("at")))
            .put("actor", r.getString("actor")).put("kind", r.getString("kind"))
            .put("detail", r.getJsonObject("detail"))));
        JsonArray matches = new JsonArray();
        taxpayers.result().forEach(r -> matches.add(TicketJson.taxpayer(r)));
        return ticket.put("rings", ringList).put("timeline", timeline).put("taxpayers", matches);
      });
    });
  }

  /** The ticket if this principal may see it (see {@link TicketAccess}). */
  private Future<JsonObject> loadVisible(RoutingContext ctx, long id) {
    Principal me = Principal.of(ctx);
    return load(id).compose(ticket -> access.requireVisible(me, id, ticket.getString("agent")).map(ticket));
  }

  /** As {@link #loadVisible}, or read-only for an agent who served the same caller ({@link SameCallerReads}). */
  private Future<JsonObject> loadReadable(RoutingContext ctx, long id) {
    Principal me = Principal.of(ctx);
    return load(id).compose(ticket -> access.requireVisible(me, id, ticket.getString("agent"))
        .map(v -> ticket.put("readOnly", false))
        .recover(refused -> sameCaller.readOnlyOrRefuse(ctx, ticket, refused)));
  }

  private Future<JsonObject> load(long id) {
    return pool.preparedQuery(TicketQueries.BY_ID).execute(Tuple.of(id)).map(rows -> {
      if (!rows.iterator().hasNext()) {
        throw ApiError.notFound("Tiket " + id + " tidak ditemukan");
      }
      return TicketJson.ticket(rows.iterator().next());
    });
  }

  private Future<JsonObject> saveForm(RoutingContext ctx) {
    long id = RequestInput.of(ctx).pathId("id");
    TicketForm form = TicketForm.from(RequestInput.of(ctx).body());
    return loadVisible(ctx, id)
        .compose(t -> form.application() == null ? Future.succeededFuture() : checkApplication(form.application()))
        .compose(v -> pool.withTransaction(conn -> conn.preparedQuery(TicketQueries.SAVE_FORM)
            .execute(Tuple.of(id, form.version(), form.application(), form.question(), form.notes()))
            .compose(rows -> {
              if (!rows.iterator().hasNext()) {
                throw ApiError.conflict("Tiket telah diubah oleh orang lain (versi " + form.version()
                    + " sudah usang); muat ulang lalu simpan lagi");
              }
              int version = rows.iterator().next().getInteger("version");
              return conn.preparedQuery(TicketQueries.ADD_EVENT)
                  .execute(Tuple.of(id, java.time.OffsetDateTime.now(), Principal.of(ctx).username(), "recorded",
                      new JsonObject().put("application", form.application()).put("version", version)))
                  .compose(x -> AuditedChange.within(ctx, conn))
                  .map(x -> updated(ctx, new JsonObject().put("id", id).put("version", version)));
            })));
  }

  private Future<Void> checkApplication(String code) {
    return pool.preparedQuery("SELECT 1 FROM applications WHERE code = $1 AND active").execute(Tuple.of(code))
        .map(rows -> {
          if (!rows.iterator().hasNext()) {
            throw ApiError.badRequest("Aplikasi '" + code + "' tidak dikenal");
          }
          return null;
        });
  }

  private Future<JsonObject> attachTaxpayer(RoutingContext ctx) {
    long id = RequestInput.of(ctx).pathId("id");
    TaxpayerIdentity identity = TaxpayerIdentity.from(RequestInput.of(ctx).body());
    return loadVisible(ctx, id)
        .compose(t -> pool.preparedQuery(TicketQueries.TAXPAYER_BY_ID_OR_NUMBER)
            .execute(Tuple.of(identity.taxpayerId(), identity.npwp(), identity.nik())))
        .compose(rows -> {
          Row known = rows.iterator().hasNext() ? rows.iterator().next() : null;
          if (identity.taxpayerId() != null && known == null) {
            throw ApiError.notFound("Wajib pajak " + identity.taxpayerId() + " tidak ditemukan");
          }
          Long taxpayerId = known == null ? null : known.getLong("id");
          String npwp = known != null && known.getString("npwp") != null ? known.getString("npwp") : identity.npwp();
          String nik = known != null && known.getString("nik") != null ? known.getString("nik") : identity.nik();
          return pool.withTransaction(conn -> conn.preparedQuery(TicketQueries.ATTACH_TAXPAYER)
                  .execute(Tuple.of(id, taxpayerId, npwp, nik))
                  .compose(r -> AuditedChange.within(ctx, conn).map(r)))
              .map(r -> updated(ctx, new JsonObject().put("id", id).put("taxpayerId", taxpayerId).put("npwp", npwp)
                  .put("nik", nik).put("version", r.iterator().next().getInteger("version"))
                  .put("taxpayer", known == null ? null : TicketJson.taxpayer(known))));
        });
  }

  /** Tells listeners (the live board) that a ticket's form or taxpayer changed. */
  private static JsonObject updated(RoutingContext ctx, JsonObject result) {
    ctx.vertx().eventBus().publish(klip.Addresses.TICKET_UPDATED, new JsonObject()
        .put("ticketId", result.getLong("id")).put("version", result.getInteger("version")));
    return result;
  }

  private Future<JsonObject> ack(RoutingContext ctx) {
    long popId = RequestInput.of(ctx).pathId("id");
    return pops.acknowledge(popId, Principal.of(ctx).username()).map(latency -> new JsonObject()
        .put("popId", popId).put("acknowledged", latency.isPresent()).put("latencyMs", latency.orElse(null)));
  }

  private static JsonArray summaries(RowSet<Row> rows) {
    JsonArray list = new JsonArray();
    rows.forEach(r -> list.add(TicketJson.summary(r)));
    return list;
  }

  private static JsonArray missedJson(RowSet<Row> rows) {
    JsonArray list = new JsonArray();
    rows.forEach(r -> list.add(new JsonObject().put("id", r.getLong("id")).put("callId", r.getString("call_id"))
        .put("callerNumber", r.getString("caller_number")).put("callerName", r.getString("caller_name"))
        .put("queue", r.getString("queue")).put("joinedAt", TicketJson.iso(r.getOffsetDateTime("joined_at")))
        .put("leftAt", TicketJson.iso(r.getOffsetDateTime("left_at"))).put("waitSeconds", r.getInteger("wait_seconds"))
        .put("calledBack", r.getBoolean("called_back"))));
    return list;
  }
}
