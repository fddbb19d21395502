package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import klip.access.Principal;
import klip.http.ApiError;
import klip.http.Requests;
import klip.http.HttpApi;
import klip.http.SecuredRouter;

/** Team-leader discussions over HTTP: ask from the live ticket, list the open ones, read and post in a thread. */
final class DiscussionApi implements HttpApi {

  private static final int MAX_SUGGESTIONS = 10;

  private final DiscussionService discussions;

  DiscussionApi(DiscussionService discussions) {
    this.discussions = discussions;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.POST, "/tickets/:id/discussions", this::ask);
    routes.json(HttpMethod.GET, "/discussions", ctx -> discussions.openFor(Principal.of(ctx)));
    routes.json(HttpMethod.GET, "/discussions/:id",
        ctx -> discussions.get(Requests.idParam(ctx, "id"), Principal.of(ctx)));
    routes.json(HttpMethod.POST, "/discussions/:id/messages", ctx -> {
      long id = Requests.idParam(ctx, "id");
      String body = Requests.requiredString(Requests.jsonBody(ctx), "body", 4000);
      return discussions.post(id, body, Principal.of(ctx));
    });
  }

  private Future<JsonObject> ask(RoutingContext ctx) {
    long ticketId = Requests.idParam(ctx, "id");
    JsonObject body = Requests.jsonBody(ctx);
    Object version = body.getValue("version");
    if (!(version instanceof Number n) || n.intValue() < 1) {
      throw ApiError.badRequest("Kolom 'version' wajib diisi dengan versi tiket yang dimuat (version required)");
    }
    String question = Requests.optionalString(body, "question", 4000);
    return discussions.ask(ticketId, n.intValue(), question == null || question.isEmpty() ? null : question,
        suggestions(body), Principal.of(ctx));
  }

  /** The SIKP suggestions the agent saw: at most ten {articleId, version, title}, checked field by field. */
  private static JsonArray suggestions(JsonObject body) {
    Object raw = body.getValue("suggestions");
    if (raw == null) {
      return new JsonArray();
    }
    if (!(raw instanceof JsonArray list) || list.size() > MAX_SUGGESTIONS) {
      throw ApiError.badRequest("Kolom 'suggestions' harus daftar berisi paling banyak " + MAX_SUGGESTIONS
          + " artikel (at most ten suggestions)");
    }
    JsonArray clean = new JsonArray();
    for (Object o : list) {
      if (!(o instanceof JsonObject s)) {
        throw ApiError.badRequest("Setiap saran SIKP harus objek {articleId, version, title}");
      }
      clean.add(new JsonObject().put("articleId", s.getValue("articleId") instanceof Number a ? a.longValue() : null)
          .put("version", s.getValue("version") instanceof Number v ? v.intValue() : null)
          .put("title", Requests.optionalString(s, "title", 300)));
    }
    return clean;
  }
}
