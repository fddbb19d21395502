package klip.sikp;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.ArraySchemaBuilder;
import io.vertx.json.schema.common.dsl.Schemas;
import io.vertx.json.schema.common.dsl.StringSchemaBuilder;
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

/**
 * The QA section's side of SIKP (SOP Pemutakhiran SIKP): the review queue, editing (each save a new version),
 * publishing, merging a draft into an existing article, retiring, and the knowledge-gap report. Every status
 * move is written to the audit log with the article and version. Imports are in {@link SikpImportApi}.
 */
public final class SikpEditorApi implements HttpApi {
  private static final List<String> STATUSES = List.of("draft", "published", "retired");

  private final SikpService sikp;
  private final ArticleStore store;
  public SikpEditorApi(SikpService sikp, ArticleStore store) {
    this.sikp = sikp;
    this.store = store;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/sikp/articles", RequestSchema.none()
        .requiredQuery("status", Fields.oneOf(STATUSES.toArray(String[]::new)))
        .query("limit", Fields.whole(1, 1000, 100)), this::list);
    routes.change(HttpMethod.PUT, "/sikp/articles/:id", RequestSchema.body(Schemas.objectSchema()
        .optionalProperty("version", Schemas.numberSchema().nullable())
        .requiredProperty("app", Fields.requiredText(60))
        .requiredProperty("title", Fields.requiredText(300))
        .optionalProperty("question", Fields.text(2000))
        .optionalProperty("variants", texts(50, 2000))
        .requiredProperty("answer", Fields.requiredText(20000))
        .optionalProperty("keywords", texts(50, 200))
        .optionalProperty("note", Fields.text(500))).path("id", articleId()), this::edit);
    routes.change(HttpMethod.POST, "/sikp/articles/:id/publish", RequestSchema.none().path("id", articleId()),
        this::publish);
    routes.change(HttpMethod.POST, "/sikp/articles/:id/retire", RequestSchema.none().path("id", articleId()),
        this::retire);
    routes.change(HttpMethod.POST, "/sikp/articles/:id/merge", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("into", Fields.requiredText(40))
        .optionalProperty("answer", Fields.text(20000))).path("id", articleId()), this::merge);
    routes.json(HttpMethod.GET, "/sikp/gaps", RequestSchema.none().query("days", Fields.whole(1, 3650, 30)),
        ctx -> sikp.knowledgeGaps(RequestInput.of(ctx).queryInt("days")));
  }

  private static StringSchemaBuilder articleId() {
    return Schemas.stringSchema().withKeyword("maxLength", 40);
  }

  /** A list of texts; blank ones are dropped. */
  private static ArraySchemaBuilder texts(int maxItems, int maxLength) {
    return Schemas.arraySchema().nullable().withKeyword("maxItems", maxItems)
        .items(Fields.item(maxLength));
  }

  private Future<JsonArray> list(RoutingContext ctx) {
    RequestInput input = RequestInput.of(ctx);
    return store.list(input.query("status"), input.queryInt("limit"));
  }

  private Future<JsonObject> edit(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    RequestInput input = RequestInput.of(ctx);
    JsonObject body = input.body();
    Number expected = body.getNumber("version");
    SikpArticle content = new SikpArticle(id, app(input.text("app")), input.text("title"),
        input.text("question"), strings(body, "variants"), input.text("answer"), strings(body, "keywords"), 1,
        "draft");
    String note = input.text("note");
    String who = Principal.of(ctx).username();
    return store.edit(id, content, expected == null ? null : expected.intValue(), who, note,
            audited(ctx, "sikp.edited"))
        .compose(a -> sikp.changed(id))
        .compose(v -> store.find(id));
  }

  private Future<JsonObject> publish(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return store.publish(id, Principal.of(ctx).username(), true, audited(ctx, "sikp.published"))
        .compose(a -> sikp.changed(id))
        .compose(v -> store.find(id));
  }

  private Future<JsonObject> retire(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return store.retire(id, null, audited(ctx, "sikp.retired"))
        .compose(a -> sikp.changed(id))
        .compose(v -> store.find(id));
  }

  /**
   * Merges a draft into an existing article: the target gets a new version whose answer is the draft's (or the
   * one sent), with the draft's question added to its variants; the draft is retired, pointing at the target.
   */
  private Future<JsonObject> merge(RoutingContext ctx) {
    String draftId = ctx.pathParam("id");
    RequestInput input = RequestInput.of(ctx);
    String into = input.text("into");
    String answer = input.text("answer");
    if (into.equals(draftId)) {
      throw ApiError.badRequest("Artikel tidak dapat digabung ke dirinya sendiri (cannot merge into itself)");
    }
    String who = Principal.of(ctx).username();
    return store.article(draftId).compose(draft -> store.article(into).compose(target -> {
      if (!target.isPublished()) {
        throw ApiError.conflict("Artikel tujuan " + into + " belum terbit");
      }
      List<String> variants = new ArrayList<>(target.variants());
      if (!draft.question().isBlank() && !variants.contains(draft.question())) {
        variants.add(draft.question());
      }
      SikpArticle merged = new SikpArticle(into, target.app(), target.title(), target.question(), variants,
          answer == null || answer.isBlank() ? draft.answer() : answer, target.keywords(), 1, "published");
      return store.edit(into, merged, null, who, "gabungan dari " + draftId, (tx, a) -> AuditedChange.within(ctx,
              tx, "sikp.merged", "sikp:" + into, new JsonObject().put("version", a.version()).put("draft", draftId)))
          .compose(a -> store.retire(draftId, into, ArticleStore.AlsoInTransaction.NOTHING))
          .compose(d -> sikp.changed(draftId))
          .compose(v -> sikp.changed(into))
          .compose(v -> store.find(into));
    }));
  }

  /** The edit's audit entry, with the article's new version and status, in the edit's own transaction. */
  private static ArticleStore.AlsoInTransaction audited(RoutingContext ctx, String action) {
    return (tx, a) -> AuditedChange.within(ctx, tx, action, "sikp:" + a.id(), new JsonObject()
        .put("version", a.version()).put("status", a.status()));
  }

  private static String app(String app) {
    if (!ArticleStore.APPS.contains(app)) {
      throw ApiError.badRequest("Aplikasi harus e-SPT, e-Registration, e-Filing atau Umum");
    }
    return app;
  }

  private static List<String> strings(JsonObject body, String field) {
    List<String> out = new ArrayList<>();
    for (Object item : body.getJsonArray(field, new JsonArray())) {
      String s = (String) item;
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }
}
