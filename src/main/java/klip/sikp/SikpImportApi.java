package klip.sikp;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.Schemas;
import klip.Addresses;
import klip.access.Principal;
import klip.audit.AuditLog;
import klip.http.ApiError;
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
  private final AuditLog audit;
  private final EventBus bus;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();

  public SikpImportApi(SikpService sikp, ArticleStore store, AuditLog audit, EventBus bus) {
    this.sikp = sikp;
    this.importer = new ArticleImporter(store);
    this.audit = audit;
    this.bus = bus;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.POST, "/sikp/imports", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("totalLines", Fields.whole(0, 1_000_000))), this::create);
    // A line that is not text is the importer's to report, with its line number, like any other bad line.
    routes.json(HttpMethod.POST, "/sikp/imports/:id/chunks", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("firstLine", Fields.whole(1, Integer.MAX_VALUE))
        .requiredProperty("lines", Schemas.arraySchema().withKeyword("maxItems", MAX_LINES_PER_CHUNK))),
        this::chunk);
    routes.json(HttpMethod.POST, "/sikp/imports/:id/finish", this::finish);
    routes.json(HttpMethod.GET, "/sikp/imports/:id", ctx -> Future.succeededFuture(job(ctx).progress().toJson()));
  }

  private Future<JsonObject> create(RoutingContext ctx) {
    int total = RequestInput.of(ctx).body().getInteger("totalLines");
    if (jobs.size() >= MAX_JOBS) {
      jobs.entrySet().removeIf(e -> e.getValue().progress().toJson().getBoolean("finished"));
    }
    String id = UUID.randomUUID().toString();
    jobs.put(id, new Job(Principal.of(ctx).username(), new ArticleImporter.Progress(total)));
    return Future.succeededFuture(new JsonObject().put("id", id).put("address",
        Addresses.sikpImport(Principal.of(ctx).username())));
  }

  private Future<JsonObject> chunk(RoutingContext ctx) {
    Job job = job(ctx);
    JsonObject body = RequestInput.of(ctx).body();
    int first = body.getInteger("firstLine");
    JsonArray list = body.getJsonArray("lines");
    List<String> text = new ArrayList<>(list.size());
    list.forEach(v -> text.add(v instanceof String s ? s : String.valueOf(v)));
    String address = Addresses.sikpImport(job.owner());
    String id = ctx.pathParam("id");
    return importer.importLines(text, first, job.owner(), job.progress(),
            p -> bus.publish(address, p.toJson().put("importId", id)))
        .map(ArticleImporter.Progress::toJson);
  }

  private Future<JsonObject> finish(RoutingContext ctx) {
    Job job = job(ctx);
    job.progress().finish();
    JsonObject result = job.progress().toJson();
    return sikp.resync()
        .compose(v -> audit.record(ctx, "sikp.imported", "sikp:import", result.copy().put("errors",
            result.getJsonArray("errors").size())))
        .map(v -> {
          bus.publish(Addresses.sikpImport(job.owner()), result.copy().put("importId", ctx.pathParam("id")));
          return result;
        });
  }

  private Job job(RoutingContext ctx) {
    Job job = jobs.get(ctx.pathParam("id"));
    if (job == null || !job.owner().equals(Principal.of(ctx).username())) {
      throw ApiError.notFound("Impor tidak ditemukan (import not found)");
    }
    return job;
  }
}
