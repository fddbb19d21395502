package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.Schemas;
import klip.access.Principal;
import klip.http.AuditedChange;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
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
    routes.change(HttpMethod.POST, "/tickets/:id/discussions", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("version", Fields.whole(1, Integer.MAX_VALUE))
        .optionalProperty("question", Fields.text(4000))
        // The SIKP suggestions the agent saw.
        .optionalProperty("suggestions", Schemas.arraySchema().nullable().withKeyword("maxItems", MAX_SUGGESTIONS)
            .items(Schemas.objectSchema()
                .optionalProperty("articleId", Schemas.numberSchema().nullable())
                .optionalProperty("version", Schemas.numberSchema().nullable())
                .optionalProperty("title", Fields.text(300))))).path("id", Fields.id()), this::ask);
    routes.json(HttpMethod.GET, "/discussions", ctx -> discussions.openFor(Principal.of(ctx)));
    routes.json(HttpMethod.GET, "/discussions/:id", RequestSchema.id("id"),
        ctx -> discussions.get(RequestInput.of(ctx).pathId("id"), Principal.of(ctx)));
    routes.change(HttpMethod.POST, "/discussions/:id/messages", RequestSchema.body(Schemas.objectSchema()
        .requiredProperty("body", Fields.requiredText(4000))).path("id", Fields.id()), ctx -> {
          RequestInput input = RequestInput.of(ctx);
          return discussions.post(input.pathId("id"), input.text("body"), Principal.of(ctx),
              AuditedChange.inTransaction(ctx));
        });
  }

  private Future<JsonObject> ask(RoutingContext ctx) {
    RequestInput input = RequestInput.of(ctx);
    String question = input.text("question");
    return discussions.ask(input.pathId("id"), input.body().getInteger("version"),
        question == null || question.isEmpty() ? null : question, suggestions(input.body()), Principal.of(ctx),
        AuditedChange.inTransaction(ctx));
  }

  /** The SIKP suggestions the agent saw (at most ten, checked by the schema), as they are kept. */
  private static JsonArray suggestions(JsonObject body) {
    JsonArray clean = new JsonArray();
    for (Object o : body.getJsonArray("suggestions", new JsonArray())) {
      JsonObject s = (JsonObject) o;
      Number article = s.getNumber("articleId");
      Number version = s.getNumber("version");
      clean.add(new JsonObject().put("articleId", article == null ? null : article.longValue())
          .put("version", version == null ? null : version.intValue()).put("title", RequestInput.text(s, "title")));
    }
    return clean;
  }
}
