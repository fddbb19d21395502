package klip.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.access.AccessPolicy;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3 description served at /openapi.json, generated from the access table so that it lists every
 * route the server has, with the roles allowed on each; the fixed points integrators rely on carry their
 * request and response schemas.
 */
final class OpenApiDocument {

  private static final Pattern PARAM = Pattern.compile(":([A-Za-z]+)");

  private OpenApiDocument() {
  }

  static JsonObject build() {
    JsonObject paths = new JsonObject();
    for (Map.Entry<String, AccessPolicy.Rule> e : AccessPolicy.table().entrySet()) {
      String[] parts = e.getKey().split(" ", 2);
      String method = parts[0].toLowerCase(java.util.Locale.ROOT);
      String path = PARAM.matcher(parts[1]).replaceAll("{$1}");
      JsonObject operation = new JsonObject()
          .put("summary", parts[0] + " " + parts[1])
          .put("x-klip-roles", e.getValue().open() ? new JsonArray().add("public")
              : new JsonArray(e.getValue().roles().stream().sorted().toList()))
          .put("responses", new JsonObject()
              .put("200", new JsonObject().put("description", "OK"))
              .put("400", ref("Error", "Invalid input"))
              .put("401", ref("Error", "Not signed in"))
              .put("403", ref("Error", "Role or ownership does not allow it")));
      if (!e.getValue().open()) {
        operation.put("security", new JsonArray().add(new JsonObject().put("session", new JsonArray())));
      }
      JsonArray params = new JsonArray();
      Matcher m = PARAM.matcher(parts[1]);
      while (m.find()) {
        params.add(new JsonObject().put("name", m.group(1)).put("in", "path").put("required", true)
            .put("schema", new JsonObject().put("type", "string")));
      }
      if (!params.isEmpty()) {
        operation.put("parameters", params);
      }
      FixedPoints.describe(e.getKey(), operation);
      if (!paths.containsKey(path)) {
        paths.put(path, new JsonObject());
      }
      paths.getJsonObject(path).put(method, operation);
    }
    return new JsonObject()
        .put("openapi", "3.0.3")
        .put("info", new JsonObject().put("title", "KLIP Call Handler API").put("version", "1.0"))
        .put("paths", paths)
        .put("components", new JsonObject()
            .put("securitySchemes", new JsonObject().put("session", new JsonObject().put("type", "apiKey")
                .put("in", "cookie").put("name", "klip.session")))
            .put("schemas", FixedPoints.schemas()));
  }

  static JsonObject ref(String schema, String description) {
    return new JsonObject().put("description", description).put("content", new JsonObject().put("application/json",
        new JsonObject().put("schema", new JsonObject().put("$ref", "#/components/schemas/" + schema))));
  }

  /** Request and response shapes of the routes integrators and tests rely on. */
  private static final class FixedPoints {

    static void describe(String route, JsonObject operation) {
      switch (route) {
        case "POST /api/login" -> operation
            .put("requestBody", new JsonObject().put("required", true).put("content", new JsonObject()
                .put("application/json", new JsonObject().put("schema", new JsonObject()
                    .put("$ref", "#/components/schemas/Credentials")))))
            .getJsonObject("responses")
            .put("200", ref("User", "Signed in; the klip.session cookie is set"))
            .put("401", ref("Error", "Wrong user name or password"));
        case "GET /api/tickets" -> operation
            .put("parameters", new JsonArray()
                .add(new JsonObject().put("name", "phone").put("in", "query").put("required", false)
                    .put("description", "Caller number in any form (+62, 0, spaces, dashes); without it, "
                        + "the signed-in agent's own tickets")
                    .put("schema", new JsonObject().put("type", "string")))
                .add(new JsonObject().put("name", "limit").put("in", "query")
                    .put("schema", new JsonObject().put("type", "integer").put("minimum", 1).put("maximum", 500))))
            .getJsonObject("responses").put("200", new JsonObject().put("description", "Tickets, newest first")
                .put("content", new JsonObject().put("application/json", new JsonObject().put("schema",
                    new JsonObject().put("type", "array").put("items",
                        new JsonObject().put("$ref", "#/components/schemas/TicketSummary"))))));
        default -> {
          // generic description only
        }
      }
    }

    static JsonObject schemas() {
      return new JsonObject()
          .put("Error", object(new JsonObject().put("error", string()).put("status", integer()).put("code", string())))
          .put("Credentials", object(new JsonObject().put("username", string()).put("password", string()))
              .put("required", new JsonArray().add("username").add("password")))
          .put("User", object(new JsonObject().put("username", string()).put("displayName", string())
              .put("role", string()).put("team", string()).put("phoneInterface", string())))
          .put("TicketSummary", object(new JsonObject().put("id", integer()).put("callId", string())
              .put("callerNumber", string()).put("agent", string()).put("status", string())
              .put("callStatus", string()).put("application", string()).put("question", string())
              .put("createdAt", string().put("format", "date-time"))));
    }

    private static JsonObject object(JsonObject properties) {
      return new JsonObject().put("type", "object").put("properties", properties);
    }

    private static JsonObject string() {
      return new JsonObject().put("type", "string");
    }

    private static JsonObject integer() {
      return new JsonObject().put("type", "integer");
    }
  }
}
