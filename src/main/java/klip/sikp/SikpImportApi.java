package klip.sikp;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.Schemas;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.Addresses;
import klip.access.Principal;
import klip.http.ApiError;
import klip.http.AuditedChange;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Import from the admin page. The page reads the JSONL file and sends it in chunks of lines (each under the API's
 * body limit, with the number of its first line so errors name the file's line); progress is pushed to the
 * importer's browser address after every few lines and can also be read back. Finishing re-syncs the index.
 *
 * <p>Resumable: a chunk is acknowledged once its articles and the job's progress have committed together, and the job
 * lives in PostgreSQL, not in this process. After a restart (or a lost answer) the client asks the job for its
 * {@code nextLine} and goes on sending from there; a chunk sent again whole is answered as it was, a chunk that
 * starts elsewhere is a 409 naming the line expected.
 */
public final class SikpImportApi implements HttpApi {
  static final int MAX_LINES_PER_CHUNK = 2000;

  private final SikpService sikp;
  private final ArticleStore store;
  private final ArticleImporter importer;
  private final EventBus bus;
  private final ImportJobs stored;

  public SikpImportApi(SikpService sikp, ArticleStore store, EventBus bus, Pool pool) {
    this.sikp = sikp;
    this.store = store;
    this.importer = new ArticleImporter(store);
    this.bus = bus;
    this.stored = new ImportJobs(pool);
  }

  /** At start: how many jobs wait for their next chunk (a stop interrupted them; their editors can continue). */
  public Future<Integer> unfinishedJobs() {
    return stored.unfinished();
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.change(HttpMethod.POST, "/sikp/imports", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("totalLines", Fields.whole(0, 1_000_000))), this::create);
    // A line that is not text is the importer's to report, with its line number, like any other bad line.
    routes.json(HttpMethod.POST, "/sikp/imports/:id/chunks", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("firstLine", Fields.whole(1, Integer.MAX_VALUE))
        .requiredProperty("lines", Schemas.arraySchema().withKeyword("maxItems", MAX_LINES_PER_CHUNK))),
        this::chunk);
    routes.change(HttpMethod.POST, "/sikp/imports/:id/finish", RequestSchema.none(), this::finish);
    routes.json(HttpMethod.GET, "/sikp/imports/:id", this::status);
  }

  private Future<JsonObject> create(RoutingContext ctx) {
    int total = RequestInput.of(ctx).body().getInteger("totalLines");
    UUID id = UUID.randomUUID();
    String owner = Principal.of(ctx).username();
    return stored.create(id, owner, new ArticleImporter.Progress(total), AuditedChange.inTransaction(ctx))
        .map(v -> new JsonObject().put("id", id.toString()).put("address", Addresses.sikpImport(owner))
            .put("nextLine", 1));
  }

  /** The job as stored: its progress, state, {@code nextLine}, progress address and, when failed, why. */
  private Future<JsonObject> status(RoutingContext ctx) {
    UUID id = jobId(ctx);
    return stored.find(id).map(found -> owned(ctx, found).toJson()
        .put("address", Addresses.sikpImport(found.owner())));
  }

  private Future<JsonObject> chunk(RoutingContext ctx) {
    UUID id = jobId(ctx);
    JsonObject body = RequestInput.of(ctx).body();
    int first = body.getInteger("firstLine");
    JsonArray list = body.getJsonArray("lines");
    List<String> text = new ArrayList<>(list.size());
    list.forEach(v -> text.add(v instanceof String s ? s : String.valueOf(v)));
    String address = Addresses.sikpImport(Principal.of(ctx).username());
    boolean[] repeated = {false};
    return stored.update(id, locked -> {
      ImportJobs.Stored job = running(ctx, locked.job());
      int next = job.nextLine();
      if (first + text.size() <= next) {
        // Sent again after its answer was lost: already imported and counted, so nothing to do.
        repeated[0] = true;
        return Future.succeededFuture(null);
      }
      if (first != next) {
        throw ApiError.conflict("Diharapkan baris " + next + ", bukan " + first + " (expected line " + next + ")");
      }
      ArticleImporter.Progress progress = ArticleImporter.Progress.fromJson(job.progress());
      return importer.importLines(text, first, inJob(locked, id, job.owner()), progress,
              p -> bus.publish(address, p.toJson().put("importId", id.toString())))
          .map(p -> new ImportJobs.Stored(job.owner(), job.state(), p.toJson(), null));
    }).compose(after -> after != null ? Future.succeededFuture(after) : stored.find(id))
        .map(after -> after.toJson().put("repeated", repeated[0]));
  }

  /** A chunk's lines in the job's transaction, each in a savepoint so a line the database refuses is only that. */
  private ArticleImporter.Target inJob(ImportJobs.Locked locked, UUID id, String author) {
    return new ArticleImporter.Target() {
      @Override
      public Future<Boolean> firstSighting(String articleId) {
        return locked.tx().preparedQuery(SikpQueries.IMPORT_SEEN).execute(Tuple.of(id, articleId))
            .map(rows -> rows.rowCount() == 1);
      }

      @Override
      public Future<ArticleStore.ImportOutcome> importOne(SikpArticle article) {
        var tx = locked.tx();
        return tx.query("SAVEPOINT import_line").execute()
            .compose(v -> store.importOne(tx, article, author))
            .compose(outcome -> tx.query("RELEASE SAVEPOINT import_line").execute().map(outcome))
            .recover(err -> tx.query("ROLLBACK TO SAVEPOINT import_line").execute()
                .compose(v -> Future.failedFuture(err)));
      }
    };
  }

  private Future<JsonObject> finish(RoutingContext ctx) {
    UUID id = jobId(ctx);
    return stored.update(id, locked -> {
      ImportJobs.Stored job = running(ctx, locked.job());
      ArticleImporter.Progress progress = ArticleImporter.Progress.fromJson(job.progress());
      progress.finish();
      JsonObject result = progress.toJson();
      JsonObject detail = result.copy().put("errors", result.getJsonArray("errors").size());
      return AuditedChange.within(ctx, locked.tx(), "sikp.imported", "sikp:import", detail)
          .map(v -> new ImportJobs.Stored(job.owner(), "finished", result, null));
    }).compose(done -> sikp.resync().map(done))
        .map(done -> {
          JsonObject result = done.toJson();
          bus.publish(Addresses.sikpImport(done.owner()), result.copy().put("importId", id.toString()));
          return result;
        });
  }

  /** The caller's own job, still taking chunks; 404 for none (or someone else's), 409 for a finished or failed one. */
  private static ImportJobs.Stored running(RoutingContext ctx, ImportJobs.Stored job) {
    owned(ctx, job);
    if (!"running".equals(job.state())) {
      throw ApiError.conflict(job.failure() != null ? job.failure()
          : "Impor ini sudah selesai (this import is " + job.state() + ")");
    }
    return job;
  }

  private static ImportJobs.Stored owned(RoutingContext ctx, ImportJobs.Stored job) {
    if (job == null || !job.owner().equals(Principal.of(ctx).username())) {
      throw notFound();
    }
    return job;
  }

  private static UUID jobId(RoutingContext ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw notFound();
    }
  }

  private static ApiError notFound() {
    return ApiError.notFound("Impor tidak ditemukan");
  }
}
