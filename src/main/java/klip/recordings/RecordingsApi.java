package klip.recordings;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import klip.access.Principal;
import klip.http.ApiError;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;

/**
 * Recordings over HTTP: metadata, waveform peaks, the audio itself with Range requests (seeking fetches only
 * the bytes asked for, through the async {@code sendFile}), integrity checks, alerts and the access log.
 * Every playback and download is audited before the first byte goes out.
 */
public final class RecordingsApi implements HttpApi {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RecordingsApi.class);

  private final Pool pool;
  private final RecordingsIo io;
  private final PlaybackAudit audit;
  private final RecordingAccess access;

  public RecordingsApi(Pool pool, RecordingsIo io, PlaybackAudit audit) {
    this.pool = pool;
    this.io = io;
    this.audit = audit;
    this.access = io.access();
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/recording-alerts", RequestSchema.none().query("limit", Fields.whole(1, 1000, 100)),
        ctx -> pool.preparedQuery(RecordingQueries.ALERTS)
            .execute(Tuple.of(RequestInput.of(ctx).queryInt("limit"))).map(RecordingsApi::alerts));
    routes.json(HttpMethod.POST, "/recordings/integrity-check", ctx -> io.integrity().verifyAll()
        .map(n -> new JsonObject().put("verified", n)));
    routes.json(HttpMethod.POST, "/recordings/purge", ctx -> io.purge().run()
        .map(n -> new JsonObject().put("purged", n)));
    routes.json(HttpMethod.GET, "/recordings/:id", RequestSchema.id("id"), ctx -> visible(ctx).map(RecordingJson::of));
    routes.json(HttpMethod.GET, "/recordings/:id/peaks", RequestSchema.id("id"), this::peaks);
    routes.json(HttpMethod.POST, "/recordings/:id/verify", RequestSchema.id("id"), ctx -> visible(ctx).compose(r ->
        audit.record(Principal.of(ctx), "verify", r.getLong("id"), null, r.getLong("ticket_id"), null)
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
    routes.raw(HttpMethod.GET, "/recordings/:id/audio", RequestSchema.id("id").query("download",
        Fields.text(5).withKeyword("description", "1 = as an attachment")), ctx -> visible(ctx)
        .compose(r -> stream(ctx, r))
        .onFailure(ctx::fail));
  }

  /** The row, if it exists and this person may see its ticket's recordings. */
  private Future<Row> visible(RoutingContext ctx) {
    long id = RequestInput.of(ctx).pathId("id");
    return pool.preparedQuery(RecordingQueries.BY_ID).execute(Tuple.of(id)).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        throw ApiError.notFound("Rekaman " + id + " tidak ditemukan (recording not found)");
      }
      Row r = rows.iterator().next();
      return access.check(Principal.of(ctx), r.getLong("ticket_id")).map(r);
    });
  }

  private Future<JsonObject> peaks(RoutingContext ctx) {
    return visible(ctx).compose(r -> pool.preparedQuery(RecordingQueries.PEAKS).execute(Tuple.of(r.getLong("id")))
        .map(rows -> new JsonObject().put("id", r.getLong("id")).put("durationMs", r.getLong("duration_ms"))
            .put("peaks", rows.iterator().next().getJsonArray("peaks"))));
  }

  private Future<Void> stream(RoutingContext ctx, Row r) {
    if (!"present".equals(r.getString("status")) || r.getString("rel_path") == null) {
      throw new ApiError(410, "Berkas rekaman tidak tersedia: " + r.getString("status") + " (file not available)");
    }
    String path = io.store().resolve(r.getString("rel_path")).toString();
    boolean download = "1".equals(RequestInput.of(ctx).query("download"));
    String rangeHeader = ctx.request().getHeader("Range");
    return ctx.vertx().fileSystem().props(path)
        .recover(err -> Future.failedFuture(new ApiError(410, "Berkas rekaman hilang dari penyimpanan (file gone)")))
        .compose(props -> {
          long size = props.size();
          ByteRange range;
          try {
            range = ByteRange.parse(rangeHeader, size);
          } catch (ByteRange.Unsatisfiable e) {
            ctx.response().putHeader("Content-Range", "bytes */" + size);
            throw new ApiError(416, "Rentang di luar berkas (range not satisfiable)");
          }
          JsonObject detail = new JsonObject().put("range", rangeHeader).put("from", range.start())
              .put("to", range.end());
          return audit.record(Principal.of(ctx), download ? "download" : "play", r.getLong("id"), null,
                  r.getLong("ticket_id"), detail)
              .recover(err -> Future.failedFuture(new ApiError(503,
                  "Akses tidak dapat dicatat; pemutaran ditolak (audit unavailable)")))
              .compose(v -> send(ctx.response(), path, range, size, download, r.getLong("id")));
        });
  }

  private static Future<Void> send(HttpServerResponse res, String path, ByteRange range, long size, boolean download,
                                   long id) {
    res.putHeader("Accept-Ranges", "bytes")
        .putHeader("Content-Type", "audio/wav")
        .putHeader("Cache-Control", "private, no-store");
    if (download) {
      res.putHeader("Content-Disposition", "attachment; filename=\"rekaman-" + id + ".wav\"");
    }
    if (range.partial()) {
      res.setStatusCode(206).putHeader("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + size);
    }
    if (size == 0) {
      return res.end();
    }
    // A listener who seeks or closes the page drops the connection mid-file: normal, not a server error.
    return res.sendFile(path, range.start(), range.length()).recover(err -> {
      log.debug("Recording {}: stream ended early ({})", id, err.toString());
      return Future.succeededFuture();
    });
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
