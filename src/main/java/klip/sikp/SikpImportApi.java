package klip.sikp;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.Schemas;
import io.vertx.sqlclient.Pool;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Import from the admin page. The page reads the JSONL file and sends it in chunks of lines (each under the API's
 * body limit, with the number of its first line so errors name the file's line); progress is pushed to the
 * importer's browser address after every few lines and can also be read back. Finishing re-syncs the index.
 */
public final class SikpImportApi implements HttpApi {
  static final int MAX_LINES_PER_CHUNK = 2000;
  static final int MAX_JOBS = 20;

  private record Job(String owner, ArticleImporter.Progress progress) {}

  private final SikpService sikp;
  private final ArticleImporter importer;
  private final EventBus bus;
  private final ImportJobs stored;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();

  public SikpImportApi(SikpService sikp, ArticleStore store, EventBus bus, Pool pool) {
    this.sikp = sikp;
    this.importer = new ArticleImporter(store);
    this.bus = bus;
    this.stored = new ImportJobs(pool);
  }

  /** At start: the jobs an earlier run left unfinished are marked failed, with the reason their editors will see. */
  public Future<Integer> failInterruptedJobs() {
    return stored.failInterrupted();
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
    if (jobs.size() >= MAX_JOBS) {
      jobs.entrySet().removeIf(e -> e.getValue().progress().toJson().getBoolean("finished"));
    }
    UUID id = UUID.randomUUID();
    Job job = new Job(Principal.of(ctx).username(), new ArticleImporter.Progress(total));
    return stored.create(id, job.owner(), job.progress(), AuditedChange.inTransaction(ctx)).map(v -> {
      jobs.put(id.toString(), job);
      return new JsonObject().put("id", id.toString()).put("address", Addresses.sikpImport(job.owner()));
    });
  }

  /** A job of this run from memory; otherwise as stored (finished, or failed by a restart, with the reason). */
  private Future<JsonObject> status(RoutingContext ctx) {
    Job job = jobs.get(ctx.pathParam("id"));
    if (job != null) {
      return Future.succeededFuture(owned(ctx, job).progress().toJson().put("state", state(job.progress())));
    }
    return storedJob(ctx).map(ImportJobs.Stored::toJson);
  }

  private Future<ImportJobs.Stored> storedJob(RoutingContext ctx) {
    UUID id;
    try {
      id = UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(notFound());
    }
    return stored.find(id).map(found -> {
      if (found == null || !found.owner().equals(Principal.of(ctx).username())) {
        throw notFound();
      }
      return found;
    });
  }

  private static String state(ArticleImporter.Progress progress) {
    return progress.toJson().getBoolean("finished") ? "finished" : "running";
  }

  /** A job this run is importing; one it is not (finished, or failed by a restart) is a 409 with the reason. */
  private Future<Job> runningJob(RoutingContext ctx) {
    Job job = jobs.get(ctx.pathParam("id"));
    if (job != null) {
      return Future.succeededFuture(job).map(j -> owned(ctx, j));
    }
    return storedJob(ctx).map(found -> {
      throw ApiError.conflict(found.failure() != null ? found.failure()
          : "Impor ini sudah selesai (this import is " + found.state() + ")");
    });
  }

  private Future<JsonObject> chunk(RoutingContext ctx) {
    return runningJob(ctx).compose(job -> importChunk(ctx, job));
  }

  private Future<JsonObject> importChunk(RoutingContext ctx, Job job) {
    JsonObject body = RequestInput.of(ctx).body();
    int first = body.getInteger("firstLine");
    JsonArray list = body.getJsonArray("lines");
    List<String> text = new ArrayList<>(list.size());
    list.forEach(v -> text.add(v instanceof String s ? s : String.valueOf(v)));
    String address = Addresses.sikpImport(job.owner());
    String id = ctx.pathParam("id");
    return importer.importLines(text, first, job.owner(), job.progress(),
            p -> bus.publish(address, p.toJson().put("importId", id)))
        .compose(p -> stored.progressed(UUID.fromString(id), p, "running").map(p.toJson()));
  }

  private Future<JsonObject> finish(RoutingContext ctx) {
    return runningJob(ctx).compose(job -> finish(ctx, job));
  }

  private Future<JsonObject> finish(RoutingContext ctx, Job job) {
    job.progress().finish();
    JsonObject result = job.progress().toJson();
    JsonObject detail = result.copy().put("errors", result.getJsonArray("errors").size());
    return stored.progressed(UUID.fromString(ctx.pathParam("id")), job.progress(), "finished",
            tx -> AuditedChange.within(ctx, tx, "sikp.imported", "sikp:import", detail))
        .compose(v -> sikp.resync())
        .map(v -> {
          bus.publish(Addresses.sikpImport(job.owner()), result.copy().put("importId", ctx.pathParam("id")));
          return result;
        });
  }

  private static Job owned(RoutingContext ctx, Job job) {
    if (!job.owner().equals(Principal.of(ctx).username())) {
      throw notFound();
    }
    return job;
  }

  private static ApiError notFound() {
    return ApiError.notFound("Impor tidak ditemukan (import not found)");
  }
}
