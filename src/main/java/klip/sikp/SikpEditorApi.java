package klip.sikp;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import klip.audit.AuditLog;
import klip.access.Principal;
import klip.http.ApiError;
import klip.http.HttpApi;
import klip.http.Requests;
import klip.http.SecuredRouter;

/**
 * The QA section's side of SIKP (SOP Pemutakhiran SIKP): the review queue, editing (each save a new version),
 * publishing, merging a draft into an existing article, retiring, and the knowledge-gap report. Every status
 * move is written to the audit log with the article and version. Imports are in {@link SikpImportApi}.
 */
public final class SikpEditorApi implements HttpApi {
  private static final List<String> STATUSES = List.of("draft", "published", "retired");

  private final SikpService sikp;
  private final ArticleStore store;
  private final AuditLog audit;

  public SikpEditorApi(SikpService sikp, ArticleStore store, AuditLog audit) {
    this.sikp = sikp;
    this.store = store;
    this.audit = audit;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/sikp/articles", this::list);
    routes.json(HttpMethod.PUT, "/sikp/articles/:id", this::edit);
    routes.json(HttpMethod.POST, "/sikp/articles/:id/publish", this::publish);
    routes.json(HttpMethod.POST, "/sikp/articles/:id/retire", this::retire);
    routes.json(HttpMethod.POST, "/sikp/articles/:id/merge", this::merge);
    routes.json(HttpMethod.GET, "/sikp/gaps", ctx -> sikp.knowledgeGaps(Requests.intQuery(ctx, "days", 30, 1, 3650)));
  }

  private Future<JsonArray> list(RoutingContext ctx) {
    String status = ctx.queryParams().get("status");
    if (status == null || !STATUSES.contains(status)) {
      throw ApiError.badRequest("Parameter 'status' harus draft, published atau retired");
    }
    return store.list(status, Requests.intQuery(ctx, "limit", 100, 1, 1000));
  }

  private Future<JsonObject> edit(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    JsonObject body = Requests.jsonBody(ctx);
    Object expected = body.getValue("version");
    if (expected != null && !(expected instanceof Number)) {
      throw ApiError.badRequest("Kolom 'version' harus angka (version must be a number)");
    }
    SikpArticle content = new SikpArticle(id, app(body), Requests.requiredString(body, "title", 300),
        Requests.optionalString(body, "question", 2000), strings(body, "variants", 50, 2000),
        Requests.requiredString(body, "answer", 20000), strings(body, "keywords", 50, 200), 1, "draft");
    String note = Requests.optionalString(body, "note", 500);
    String who = Principal.of(ctx).username();
    return store.edit(id, content, expected == null ? null : ((Number) expected).intValue(), who, note)
        .compose(a -> sikp.changed(id).map(a))
        .compose(a -> audited(ctx, "sikp.edited", a))
        .compose(v -> store.find(id));
  }

  private Future<JsonObject> publish(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return store.publish(id, Principal.of(ctx).username(), true)
        .compose(a -> sikp.changed(id).map(a))
        .compose(a -> audited(ctx, "sikp.published", a))
        .compose(v -> store.find(id));
  }

  private Future<JsonObject> retire(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return store.retire(id, null)
        .compose(a -> sikp.changed(id).map(a))
        .compose(a -> audited(ctx, "sikp.retired", a))
        .compose(v -> store.find(id));
  }

  /**
   * Merges a draft into an existing article: the target gets a new version whose answer is the draft's (or the
   * one sent), with the draft's question added to its variants; the draft is retired, pointing at the target.
   */
  private Future<JsonObject> merge(RoutingContext ctx) {
    String draftId = ctx.pathParam("id");
    JsonObject body = Requests.jsonBody(ctx);
    String into = Requests.requiredString(body, "into", 40);
    String answer = Requests.optionalString(body, "answer", 20000);
    if (into.equals(draftId)) {
      throw ApiError.badRequest("Artikel tidak dapat digabung ke dirinya sendiri (cannot merge into itself)");
    }
    String who = Principal.of(ctx).username();
    return store.article(draftId).compose(draft -> store.article(into).compose(target -> {
      if (!target.isPublished()) {
        throw ApiError.conflict("Artikel tujuan " + into + " belum terbit (target is not published)");
      }
      List<String> variants = new ArrayList<>(target.variants());
      if (!draft.question().isBlank() && !variants.contains(draft.question())) {
        variants.add(draft.question());
      }
      SikpArticle merged = new SikpArticle(into, target.app(), target.title(), target.question(), variants,
          answer == null || answer.isBlank() ? draft.answer() : answer, target.keywords(), 1, "published");
      return store.edit(into, merged, null, who, "gabungan dari " + draftId)
          .compose(a -> audit.record(ctx, "sikp.merged", "sikp:" + into, new JsonObject()
              .put("version", a.version()).put("draft", draftId)).map(a))
          .compose(a -> store.retire(draftId, into))
          .compose(d -> sikp.changed(draftId))
          .compose(v -> sikp.changed(into))
          .compose(v -> store.find(into));
    }));
  }

  private Future<SikpArticle> audited(RoutingContext ctx, String action, SikpArticle a) {
    return audit.record(ctx, action, "sikp:" + a.id(), new JsonObject().put("version", a.version())
        .put("status", a.status())).map(a);
  }

  private static String app(JsonObject body) {
    String app = Requests.requiredString(body, "app", 60);
    if (!ArticleStore.APPS.contains(app)) {
      throw ApiError.badRequest("Aplikasi harus e-SPT, e-Registration, e-Filing atau Umum (unknown application)");
    }
    return app;
  }

  private static List<String> strings(JsonObject body, String field, int maxItems, int maxLength) {
    Object value = body.getValue(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray list) || list.size() > maxItems) {
      throw ApiError.badRequest("Kolom '" + field + "' harus daftar teks, maksimal " + maxItems);
    }
    List<String> out = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof String s) || s.length() > maxLength || s.indexOf('\u0000') >= 0) {
        throw ApiError.badRequest("Setiap isi '" + field + "' harus teks, maksimal " + maxLength + " karakter");
      }
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }
}
