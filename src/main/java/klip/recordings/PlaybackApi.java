package klip.recordings;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import klip.access.Principal;
import klip.http.ApiError;
import klip.http.AuditedChange;
import klip.http.Fields;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;
import klip.http.SessionBoundRoutes;
import klip.http.TcpCork;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Playing a recording. A player first opens a playback ({@code POST /api/recordings/:id/playbacks}): access
 * checked, one {@code playback_audit} row and one hash-chained audit entry committed together, then a grant
 * bound to the user, the session and the recording. Its Range requests ({@code GET …/audio?grant=…}) ride on that
 * audit: the grant is checked in memory, and the bytes go out with the zero-copy {@code sendFile} of only the
 * range asked for, from the file the grant holds open. Without a grant (downloads, plain links) each request is
 * audited before its first byte, as before.
 */
public final class PlaybackApi implements klip.http.HttpApi {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PlaybackApi.class);
  private static final CharSequence BYTES = HttpHeaders.createOptimized("bytes");
  private static final CharSequence AUDIO_WAV = HttpHeaders.createOptimized("audio/wav");
  private static final CharSequence PRIVATE_NO_STORE = HttpHeaders.createOptimized("private, no-store");
  private static final String FILE_GONE = "Berkas rekaman hilang dari penyimpanan";

  /** A recording's file opened for a playback, and its size then. */
  private record OpenFile(FileChannel channel, long size) {
  }

  private final Pool pool;
  private final RecordingsIo io;
  private final PlaybackAudit audit;
  private final PlaybackGrants grants;
  private final VisibleRecordings visible;

  public PlaybackApi(Pool pool, RecordingsIo io, PlaybackAudit audit) {
    this.pool = pool;
    this.io = io;
    this.audit = audit;
    this.grants = io.grants();
    this.visible = new VisibleRecordings(pool, io.access());
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.change(HttpMethod.POST, "/recordings/:id/playbacks", RequestSchema.id("id"), this::open);
    // A request carrying a grant rides on the audit written when its playback was opened (or is refused).
    RequestSchema audio = RequestSchema.id("id")
        .query("download", Fields.text(5).withKeyword("description", "1 = as an attachment"))
        .query("grant", Fields.text(200).withKeyword("description", "a playback opened by POST …/playbacks"));
    routes.raw(HttpMethod.GET, "/recordings/:id/audio", audio, this::audio);
    routes.shortRoad(HttpMethod.GET, "/recordings/:id/audio", this::rideShort);
  }

  /**
   * The same ride as {@link #ride} for the plain case a player sends ({@code ?grant=…} alone, a valid grant, a
   * satisfiable range), ahead of the router; anything else is handed on to it.
   */
  private boolean rideShort(HttpServerRequest request, String param, Principal who, String sessionId) {
    String token = GrantQuery.token(request.query());
    long id = GrantQuery.positiveId(param);
    PlaybackGrants.Grant grant = token == null || id <= 0 ? null
        : grants.use(token, id, who.username(), sessionId);
    if (grant == null) {
      return false;
    }
    ByteRange range;
    try {
      range = ByteRange.parse(request.getHeader("Range"), grant.size());
    } catch (ByteRange.Unsatisfiable e) {
      return false;
    }
    HttpServerResponse res = request.response();
    return sendGranted(res, request, grant, range, id, err -> SessionBoundRoutes.fail(res, err));
  }

  private void audio(RoutingContext ctx) {
    String token = RequestInput.of(ctx).query("grant");
    if (token != null) {
      ride(ctx, token);
    } else {
      visible.of(Principal.of(ctx), RequestInput.of(ctx).pathId("id"))
          .compose(r -> streamAudited(ctx, r))
          .onFailure(ctx::fail);
    }
  }

  /** Opens one audited playback and answers its grant: {grant, playbackId, audio, sizeBytes, idleMs}. */
  private Future<JsonObject> open(RoutingContext ctx) {
    Principal who = Principal.of(ctx);
    long id = RequestInput.of(ctx).pathId("id");
    String sessionId = ctx.session() == null ? null : ctx.session().id();
    if (sessionId == null) {
      throw new ApiError(401, "Silakan masuk terlebih dahulu");
    }
    return visible.of(who, id).compose(r -> openFile(r).compose(file -> {
      long size = file.size();
      Long ticketId = r.getLong("ticket_id");
      JsonObject detail = new JsonObject().put("grant", "playback").put("sizeBytes", size);
      return pool.withTransaction(conn -> conn.preparedQuery(RecordingQueries.OPEN_PLAYBACK)
              .execute(Tuple.of(who.username(), who.role(), id, ticketId, detail))
              .compose(rows -> {
                long playbackId = rows.iterator().next().getLong("id");
                return AuditedChange.within(ctx, conn, "recording.play", "recording:" + id,
                    new JsonObject().put("ticketId", ticketId).put("playbackId", playbackId)).map(playbackId);
              }))
          .recover(err -> {
            grants.discard(file.channel());
            log.error("Recording {}: the playback of {} could not be audited", id, who.username(), err);
            return Future.failedFuture(new ApiError(503,
                "Akses tidak dapat dicatat; pemutaran ditolak"));
          })
          .map(playbackId -> {
            String path = io.store().resolve(r.getString("rel_path")).toString();
            PlaybackGrants.Grant grant = grants.issue(id, who.username(), sessionId, path, size, playbackId,
                file.channel());
            ctx.response().setStatusCode(201);
            return new JsonObject().put("grant", grant.token()).put("playbackId", playbackId)
                .put("audio", "/api/recordings/" + id + "/audio?grant=" + grant.token())
                .put("sizeBytes", size).put("idleMs", grants.idleMs());
          });
    }));
  }

  /**
   * A Range request of an opened playback: no database, no file lookup beyond the open of {@code sendFile}. An
   * unknown, expired or someone else's grant is 403, whatever the recording.
   */
  private void ride(RoutingContext ctx, String token) {
    long id = RequestInput.of(ctx).pathId("id");
    String sessionId = ctx.session() == null ? null : ctx.session().id();
    PlaybackGrants.Grant grant = sessionId == null ? null
        : grants.use(token, id, Principal.of(ctx).username(), sessionId);
    if (grant == null) {
      ctx.fail(ApiError.forbidden("Izin pemutaran tidak berlaku atau kedaluwarsa; buka rekaman lagi"));
      return;
    }
    ByteRange range = range(ctx, grant.size());
    if (range == null) {
      return;
    }
    if (!sendGranted(ctx.response(), ctx.request(), grant, range, id, ctx::fail)) {
      ctx.fail(ApiError.forbidden("Izin pemutaran tidak berlaku atau kedaluwarsa; buka rekaman lagi"));
    }
  }

  /**
   * Sends a range from the file a grant holds open (or, for a grant that holds none, from the file by its path);
   * false, having written nothing, when the grant has ended meanwhile (revoked: its file is corrupt or purged).
   */
  private static boolean sendGranted(HttpServerResponse res, HttpServerRequest req, PlaybackGrants.Grant grant,
                                     ByteRange range, long id, Consumer<ApiError> fail) {
    if (!grant.holdsFile()) {
      audioHeaders(res, range, grant.size());
      if (grant.size() == 0) {
        res.end();
      } else {
        res.sendFile(grant.path(), range.start(), range.length()).onFailure(err -> ended(res, err, id, fail));
      }
      return true;
    }
    FileChannel file = grant.acquire();
    if (file == null) {
      return false;
    }
    audioHeaders(res, range, grant.size());
    if (grant.size() == 0) {
      grant.release();
      res.end();
      return true;
    }
    // Headers and range in one segment, as a file server sends them: a seek's first byte wakes the player once.
    Runnable uncork = TcpCork.hold(req);
    res.sendFile(file, range.start(), range.length()).onComplete(sent -> {
      uncork.run();
      grant.release();
      if (sent.failed()) {
        ended(res, sent.cause(), id, fail);
      }
    });
    return true;
  }

  /** The file of a recording whose row says it is present, opened (off the event loop) with its size; 410 if not. */
  private Future<OpenFile> openFile(Row r) {
    if (!"present".equals(r.getString("status")) || r.getString("rel_path") == null) {
      return Future.failedFuture(new ApiError(410,
          "Berkas rekaman tidak tersedia: " + r.getString("status")));
    }
    Path path = io.store().resolve(r.getString("rel_path"));
    return io.executor().executeBlocking(() -> {
      FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
      try {
        return new OpenFile(channel, channel.size());
      } catch (java.io.IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    }).recover(err -> Future.failedFuture(new ApiError(410, FILE_GONE)));
  }

  /** Without a grant: each request is its own audited access (a download, or a plain link to the audio). */
  private Future<Void> streamAudited(RoutingContext ctx, Row r) {
    boolean download = "1".equals(RequestInput.of(ctx).query("download"));
    String rangeHeader = ctx.request().getHeader("Range");
    return presentFile(ctx, r).compose(size -> {
      ByteRange range = range(ctx, size);
      if (range == null) {
        return Future.succeededFuture();
      }
      JsonObject detail = new JsonObject().put("range", rangeHeader).put("from", range.start())
          .put("to", range.end());
      return audit.record(Principal.of(ctx), download ? "download" : "play", r.getLong("id"), null,
              r.getLong("ticket_id"), detail)
          .compose(v -> AuditedChange.beforeEffect(ctx, detail))
          .recover(err -> Future.failedFuture(new ApiError(503,
              "Akses tidak dapat dicatat; pemutaran ditolak")))
          .onSuccess(v -> send(ctx, io.store().resolve(r.getString("rel_path")).toString(), range, size, download,
              r.getLong("id")));
    });
  }

  /** The size of the row's file, if the row says it is present and the file is there (410 otherwise). */
  private Future<Long> presentFile(RoutingContext ctx, Row r) {
    if (!"present".equals(r.getString("status")) || r.getString("rel_path") == null) {
      return Future.failedFuture(new ApiError(410,
          "Berkas rekaman tidak tersedia: " + r.getString("status")));
    }
    String path = io.store().resolve(r.getString("rel_path")).toString();
    return ctx.vertx().fileSystem().props(path).map(props -> props.size())
        .recover(err -> Future.failedFuture(new ApiError(410, FILE_GONE)));
  }

  /** The requested range, or null after failing the request with 416 (and the size, as RFC 9110 asks). */
  private static ByteRange range(RoutingContext ctx, long size) {
    try {
      return ByteRange.parse(ctx.request().getHeader("Range"), size);
    } catch (ByteRange.Unsatisfiable e) {
      ctx.response().putHeader("Content-Range", "bytes */" + size);
      ctx.fail(new ApiError(416, "Rentang di luar berkas"));
      return null;
    }
  }

  private static void send(RoutingContext ctx, String path, ByteRange range, long size, boolean download, long id) {
    HttpServerResponse res = ctx.response();
    audioHeaders(res, range, size);
    if (download) {
      res.putHeader("Content-Disposition", "attachment; filename=\"rekaman-" + id + ".wav\"");
    }
    if (size == 0) {
      res.end();
      return;
    }
    res.sendFile(path, range.start(), range.length()).onFailure(err -> ended(res, err, id, ctx::fail));
  }

  private static void audioHeaders(HttpServerResponse res, ByteRange range, long size) {
    res.putHeader(HttpHeaders.ACCEPT_RANGES, BYTES)
        .putHeader(HttpHeaders.CONTENT_TYPE, AUDIO_WAV)
        .putHeader(HttpHeaders.CACHE_CONTROL, PRIVATE_NO_STORE);
    if (range.partial()) {
      res.setStatusCode(206).putHeader(HttpHeaders.CONTENT_RANGE,
          "bytes " + range.start() + "-" + range.end() + "/" + size);
    }
  }

  /** A {@code sendFile} that failed: before the first byte, the file went away (410); after it, the listener left. */
  private static void ended(HttpServerResponse res, Throwable err, long id, Consumer<ApiError> fail) {
    if (!res.headWritten()) {
      // The file went away between the check and the open (purged, moved): nothing was sent yet.
      fail.accept(new ApiError(410, FILE_GONE));
    } else {
      // A listener who seeks or closes the page drops the connection mid-file: normal, not a server error.
      log.debug("Recording {}: stream ended early ({})", id, err.toString());
    }
  }
}
