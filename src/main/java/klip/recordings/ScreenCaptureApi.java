package klip.recordings;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
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

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The agent desktop's DOM session recording, uploaded in numbered chunks while the call goes on. A chunk is
 * written to a temporary file and moved into place whole, then counted; an upload cut off half-way leaves
 * nothing, and the client resumes from {@code nextSeq}. Re-sending a stored chunk with the same content is
 * accepted (the client cannot know whether its last upload arrived); different content for it is a 409.
 */
public final class ScreenCaptureApi implements HttpApi {

  private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

  private final Pool pool;
  private final RecordingsIo io;
  private final PlaybackAudit audit;
  private final RecordingAccess access;

  public ScreenCaptureApi(Pool pool, RecordingsIo io, PlaybackAudit audit) {
    this.pool = pool;
    this.io = io;
    this.audit = audit;
    this.access = io.access();
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.change(HttpMethod.POST, "/captures", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("ticketId", Fields.id())), this::open);
    routes.json(HttpMethod.GET, "/captures/:id", RequestSchema.id("id"), ctx -> owned(ctx).map(ScreenCaptureApi::json));
    // Chunks and snapshots are stored and hashed byte for byte: CaptureContent checks their JSON and size.
    routes.json(HttpMethod.PUT, "/captures/:id/chunks/:seq", RequestSchema.rawBody("application/json")
        .path("id", Fields.id()).path("seq", Fields.whole(0, 999_999)), this::chunk);
    routes.change(HttpMethod.POST, "/captures/:id/finish", RequestSchema.id("id"), ctx -> owned(ctx).compose(c -> pool
        .withTransaction(tx -> tx.preparedQuery(RecordingQueries.FINISH_CAPTURE).execute(Tuple.of(c.getLong("id")))
            .compose(x -> AuditedChange.within(ctx, tx)))
        .map(x -> new JsonObject().put("id", c.getLong("id")).put("status", "finished"))));
    routes.change(HttpMethod.POST, "/captures/:id/snapshot", RequestSchema.rawBody("application/json")
        .path("id", Fields.id()), this::snapshot);
    routes.change(HttpMethod.GET, "/captures/:id/events", RequestSchema.id("id"), this::events);
  }

  /** Opens the capture of the caller's own ticket, or resumes the one still open (a reloaded tab). */
  private Future<JsonObject> open(RoutingContext ctx) {
    long ticketId = RequestInput.of(ctx).body().getLong("ticketId");
    Principal me = Principal.of(ctx);
    return io.tickets().byId(ticketId).compose(ticket -> {
      if (ticket == null || !me.username().equals(ticket.agent())) {
        throw ApiError.forbidden("Tiket ini bukan milik Anda");
      }
      return pool.withTransaction(tx -> tx.preparedQuery(RecordingQueries.OPEN_CAPTURE)
          .execute(Tuple.of(ticketId, me.username()))
          .compose(open -> open.iterator().hasNext() ? Future.succeededFuture(open)
              : tx.preparedQuery(RecordingQueries.NEW_CAPTURE).execute(Tuple.of(ticketId, me.username())))
          .compose(rows -> AuditedChange.within(ctx, tx).map(json(rows.iterator().next()))));
    });
  }

  /** The capture, for its own agent only (uploads and resume). */
  private Future<Row> owned(RoutingContext ctx) {
    long id = RequestInput.of(ctx).pathId("id");
    return pool.preparedQuery(RecordingQueries.CAPTURE).execute(Tuple.of(id)).map(rows -> {
      Row c = rows.iterator().hasNext() ? rows.iterator().next() : null;
      if (c == null || !Principal.of(ctx).username().equals(c.getString("agent_username"))) {
        throw ApiError.notFound("Rekaman layar " + id + " tidak ditemukan");
      }
      return c;
    });
  }

  private Future<JsonObject> chunk(RoutingContext ctx) {
    int seq = (int) RequestInput.of(ctx).pathId("seq");
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    CaptureContent.chunk(body, io.config().chunkMaxBytes(), System.currentTimeMillis());
    return sha256(body).compose(sha -> owned(ctx).compose(c -> {
      long id = c.getLong("id");
      int next = c.getInteger("next_seq");
      if (seq < next) {
        return pool.preparedQuery(RecordingQueries.CHUNK).execute(Tuple.of(id, seq)).map(rows -> {
          if (!rows.iterator().hasNext() || !sha.equals(rows.iterator().next().getString("sha256"))) {
            throw ApiError.conflict("Potongan " + (seq + 1) + " sudah tersimpan dengan isi lain (chunk differs)");
          }
          return progress(id, next, true);
        });
      }
      if (seq > next || !"recording".equals(c.getString("status"))) {
        throw ApiError.conflict("Diharapkan potongan " + (next + 1));
      }
      if (c.getLong("total_bytes") + body.length() > io.config().captureMaxBytes()) {
        throw new ApiError(413, "Rekaman layar melebihi batas ukuran");
      }
      String name = io.store().captureChunk(id, seq, LocalDate.ofInstant(
          c.getOffsetDateTime("started_at").toInstant(), JAKARTA));
      return writeWhole(ctx, name, body)
          .compose(v -> pool.withTransaction(conn -> conn.preparedQuery(RecordingQueries.ADVANCE_CAPTURE)
              .execute(Tuple.of(id, seq, body.length())).compose(rows -> {
                if (!rows.iterator().hasNext()) {
                  throw ApiError.conflict("Potongan " + (seq + 1) + " diunggah bersamaan (concurrent upload)");
                }
                return conn.preparedQuery(RecordingQueries.ADD_CHUNK).execute(Tuple.of(c.getLong("ticket_id"), id,
                    seq, name, (long) body.length(), sha));
              })))
          .map(x -> progress(id, seq + 1, false));
    }));
  }

  /** Hashed on the named hashing pool: a chunk is up to a few hundred kilobytes, too much for an event loop. */
  private Future<String> sha256(Buffer body) {
    byte[] bytes = body.getBytes();
    return io.hashing().executeBlocking(() -> FileAnalyser.sha256Of(bytes), false);
  }

  /** Writes to a temporary name and moves into place, so a reader or a crash never sees half a chunk. */
  private Future<Void> writeWhole(RoutingContext ctx, String name, Buffer data) {
    Path target = io.store().resolve(name);
    String tmp = target + ".part";
    var fs = ctx.vertx().fileSystem();
    return fs.mkdirs(target.getParent().toString())
        .compose(v -> fs.writeFile(tmp, data))
        .compose(v -> fs.move(tmp, target.toString(), new CopyOptions().setReplaceExisting(true)
            .setAtomicMove(true)));
  }

  private Future<JsonObject> snapshot(RoutingContext ctx) {
    Buffer body = ctx.body() == null ? null : ctx.body().buffer();
    long now = System.currentTimeMillis();
    CaptureContent.snapshot(body, io.config().chunkMaxBytes(), now);
    return sha256(body).compose(sha -> owned(ctx).compose(c -> {
      long id = c.getLong("id");
      String name = io.store().ticketSnapshot(id, LocalDate.ofInstant(
          c.getOffsetDateTime("started_at").toInstant(), JAKARTA), now);
      return writeWhole(ctx, name, body).compose(v -> pool.withTransaction(tx -> tx
              .preparedQuery(RecordingQueries.ADD_SNAPSHOT)
              .execute(Tuple.of(c.getLong("ticket_id"), id, name, (long) body.length(), sha))
              .compose(rows -> AuditedChange.within(ctx, tx).map(rows))))
          .map(rows -> new JsonObject().put("id", rows.iterator().next().getLong("id")).put("sha256", sha));
    }));
  }

  /** The whole recording for playback: every stored chunk's events in order, and the last snapshot. */
  private Future<JsonObject> events(RoutingContext ctx) {
    long id = RequestInput.of(ctx).pathId("id");
    var fs = ctx.vertx().fileSystem();
    return pool.preparedQuery(RecordingQueries.CAPTURE).execute(Tuple.of(id)).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        throw ApiError.notFound("Rekaman layar " + id + " tidak ditemukan");
      }
      Row c = rows.iterator().next();
      return access.check(Principal.of(ctx), c.getLong("ticket_id"))
          .compose(v -> audit.record(Principal.of(ctx), "view_screen", null, id, c.getLong("ticket_id"), null))
          .compose(v -> AuditedChange.beforeEffect(ctx, new JsonObject().put("ticketId", c.getLong("ticket_id"))))
          .compose(v -> pool.preparedQuery(RecordingQueries.CHUNK_FILES).execute(Tuple.of(id)))
          .compose(files -> {
            Future<JsonArray> all = Future.succeededFuture(new JsonArray());
            for (Row f : files) {
              if (!"present".equals(f.getString("status"))) {
                continue;
              }
              String path = io.store().resolve(f.getString("rel_path")).toString();
              all = all.compose(acc -> fs.readFile(path).map(buf -> {
                acc.addAll(new JsonObject(buf).getJsonArray("events"));
                return acc;
              }));
            }
            return all;
          })
          .compose(events -> pool.preparedQuery(RecordingQueries.LATEST_SNAPSHOT).execute(Tuple.of(id))
              .compose(snap -> snap.iterator().hasNext()
                  ? fs.readFile(io.store().resolve(snap.iterator().next().getString("rel_path")).toString())
                      .map(b -> (Object) new JsonObject(b))
                  : Future.succeededFuture(null))
              .map(snapshot -> json(c).put("events", events).put("snapshot", snapshot)));
    });
  }

  private static JsonObject progress(long id, int nextSeq, boolean repeated) {
    return new JsonObject().put("id", id).put("nextSeq", nextSeq).put("repeated", repeated);
  }

  static JsonObject json(Row c) {
    return new JsonObject().put("id", c.getLong("id")).put("ticketId", c.getLong("ticket_id"))
        .put("agent", c.getString("agent_username")).put("nextSeq", c.getInteger("next_seq"))
        .put("totalBytes", c.getLong("total_bytes")).put("status", c.getString("status"))
        .put("startedAt", RecordingJson.iso(c.getOffsetDateTime("started_at")));
  }
}
