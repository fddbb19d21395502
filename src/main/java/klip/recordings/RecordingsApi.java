package klip.recordings;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
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
 * Recordings over HTTP: metadata, waveform peaks, integrity checks, alerts and the access log. The audio itself
 * is {@link PlaybackApi}.
 */
public final class RecordingsApi implements HttpApi {

  private final Pool pool;
  private final RecordingsIo io;
  private final PlaybackAudit audit;
  private final VisibleRecordings visible;

  public RecordingsApi(Pool pool, RecordingsIo io, PlaybackAudit audit) {
    this.pool = pool;
    this.io = io;
    this.audit = audit;
    this.visible = new VisibleRecordings(pool, io.access());
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/recording-alerts", RequestSchema.none().query("limit", Fields.whole(1, 1000, 100)),
        ctx -> pool.preparedQuery(RecordingQueries.ALERTS)
            .execute(Tuple.of(RequestInput.of(ctx).queryInt("limit"))).map(RecordingsApi::alerts));
    // Checks and purges work on files: their entries are committed before the work starts.
    routes.change(HttpMethod.POST, "/recordings/integrity-check", RequestSchema.none(),
        ctx -> AuditedChange.beforeEffect(ctx, new JsonObject()).compose(v -> io.integrity().verifyAll())
            .map(n -> new JsonObject().put("verified", n)));
    routes.change(HttpMethod.POST, "/recordings/purge", RequestSchema.none(),
        ctx -> AuditedChange.beforeEffect(ctx, new JsonObject()).compose(v -> io.purge().run())
            .map(n -> new JsonObject().put("purged", n)));
    routes.json(HttpMethod.GET, "/recordings/:id", RequestSchema.id("id"), ctx -> visible(ctx).map(RecordingJson::of));
    routes.json(HttpMethod.GET, "/recordings/:id/peaks", RequestSchema.id("id"), this::peaks);
    routes.change(HttpMethod.POST, "/recordings/:id/verify", RequestSchema.id("id"), ctx -> visible(ctx).compose(r ->
        audit.record(Principal.of(ctx), "verify", r.getLong("id"), null, r.getLong("ticket_id"), null)
            .compose(v -> AuditedChange.beforeEffect(ctx, new JsonObject().put("ticketId", r.getLong("ticket_id"))))
            .compose(v -> io.integrity().verify(r))));
    routes.json(HttpMethod.GET, "/recordings/:id/audit", RequestSchema.id("id")
        .query("limit", Fields.whole(1, 5000, 200)), ctx -> visible(ctx).compose(r -> pool
        .preparedQuery(RecordingQueries.AUDIT_OF_RECORDING)
        .execute(Tuple.of(r.getLong("id"), RequestInput.of(ctx).queryInt("limit"))).map(rows -> {
          JsonArray list = new JsonArray();
          rows.forEach(a -> list.add(new JsonObject().put("at", RecordingJson.iso(a.getOffsetDateTime("at")))
              .put("username", a.getString("username")).put("role", a.getString("role"))
              .put("action", a.getString("action")).put("detail", a.getJsonObject("detail"))));
          return list;
        })));
  }

  /** The row, if it exists and this person may see its ticket's recordings. */
  private Future<Row> visible(RoutingContext ctx) {
    return visible.of(Principal.of(ctx), RequestInput.of(ctx).pathId("id"));
  }

  private Future<JsonObject> peaks(RoutingContext ctx) {
    return visible(ctx).compose(r -> pool.preparedQuery(RecordingQueries.PEAKS).execute(Tuple.of(r.getLong("id")))
        .map(rows -> new JsonObject().put("id", r.getLong("id")).put("durationMs", r.getLong("duration_ms"))
            .put("peaks", rows.iterator().next().getJsonArray("peaks"))));
  }

  private static JsonArray alerts(io.vertx.sqlclient.RowSet<Row> rows) {
    JsonArray list = new JsonArray();
    rows.forEach(a -> list.add(new JsonObject().put("id", a.getLong("id"))
        .put("at", RecordingJson.iso(a.getOffsetDateTime("at"))).put("kind", a.getString("kind"))
        .put("recordingId", a.getLong("recording_id")).put("ticketId", a.getLong("ticket_id"))
        .put("callId", a.getString("call_id")).put("detail", a.getString("detail"))));
    return list;
  }
}
