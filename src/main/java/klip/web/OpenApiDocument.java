package klip.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.access.AccessPolicy;
import klip.http.RequestSchema;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 description served at /openapi.json, generated from the access table (every route the server
 * has, with the roles allowed on each) and from the routes' {@link RequestSchema}s (the same JSON schemas that
 * check each request: bodies, path and query parameters); the fixed points integrators rely on also carry their
 * response schemas.
 */
final class OpenApiDocument {

  private static final Pattern PARAM = Pattern.compile(":([A-Za-z]+)");

  private OpenApiDocument() {
  }

  /** @param inputs the input schema of each mounted route ("METHOD /api/path"); unmounted ones get path strings */
  static JsonObject build(Map<String, RequestSchema> inputs) {
    JsonObject paths = new JsonObject();
    for (Map.Entry<String, AccessPolicy.Rule> e : AccessPolicy.table().entrySet()) {
      String[] parts = e.getKey().split(" ", 2);
      String method = parts[0].toLowerCase(java.util.Locale.ROOT);
      String path = PARAM.matcher(parts[1]).replaceAll("{$1}");
      RequestSchema input = inputs.getOrDefault(e.getKey(), RequestSchema.none());
      JsonObject operation = new JsonObject()
          .put("summary", parts[0] + " " + parts[1])
          .put("x-klip-roles", e.getValue().open() ? new JsonArray().add("public")
              : new JsonArray(e.getValue().roles().stream().sorted().toList()))
          .put("responses", new JsonObject()
              .put("200", new JsonObject().put("description", "OK"))
              .put("400", ref("Error", "Input does not match the route's schema; the message names the field"))
              .put("401", ref("Error", "Not signed in"))
              .put("403", ref("Error", "Role or ownership does not allow it")));
      if (!e.getValue().open()) {
        operation.put("security", new JsonArray().add(new JsonObject().put("session", new JsonArray())));
      }
      JsonArray params = new JsonArray();
      Matcher m = PARAM.matcher(parts[1]);
      while (m.find()) {
        JsonObject schema = input.pathParameters().get(m.group(1));
        params.add(new JsonObject().put("name", m.group(1)).put("in", "path").put("required", true)
            .put("schema", schema != null ? schema : new JsonObject().put("type", "string")));
      }
      input.queryParameters().forEach((name, schema) -> params.add(new JsonObject().put("name", name)
          .put("in", "query").put("required", input.requiredQueryNames().contains(name)).put("schema", schema)));
      if (!params.isEmpty()) {
        operation.put("parameters", params);
      }
      requestBody(input, operation);
      FixedPoints.describe(e.getKey(), operation);
      if (!paths.containsKey(path)) {
        paths.put(path, new JsonObject());
      }
      paths.getJsonObject(path).put(method, operation);
    }
    return new JsonObject()
        .put("openapi", "3.1.0")
        .put("info", new JsonObject().put("title", "KLIP Call Handler API").put("version", "1.0"))
        .put("paths", paths)
        .put("components", new JsonObject()
            .put("securitySchemes", new JsonObject().put("session", new JsonObject().put("type", "apiKey")
                .put("in", "cookie").put("name", "klip.session")))
            .put("schemas", FixedPoints.schemas()));
  }

  private static void requestBody(RequestSchema input, JsonObject operation) {
    JsonObject content;
    if (input.bodySchema() != null) {
      content = new JsonObject().put("application/json", new JsonObject().put("schema", input.bodySchema()));
    } else if (input.rawBodyType() != null) {
      content = new JsonObject().put(input.rawBodyType(), new JsonObject().put("schema",
          new JsonObject().put("type", "string").put("format", "binary")));
    } else {
      return;
    }
    operation.put("requestBody", new JsonObject().put("required", !input.bodyOptional()).put("content", content));
    operation.getJsonObject("responses").put("413", ref("Error", "Body over the size limit"));
  }

  static JsonObject ref(String schema, String description) {
    return new JsonObject().put("description", description).put("content", new JsonObject().put("application/json",
        new JsonObject().put("schema", new JsonObject().put("$ref", "#/components/schemas/" + schema))));
  }

  /** Response shapes of the routes integrators and tests rely on (their requests come from the route schemas). */
  private static final class FixedPoints {

    static void describe(String route, JsonObject operation) {
      switch (route) {
        case "POST /api/login" -> operation.getJsonObject("responses")
            .put("200", ref("User", "Signed in; the klip.session cookie is set"))
            .put("401", ref("Error", "Wrong user name or password"));
        case "GET /api/tickets" -> operation.getJsonObject("responses")
            .put("200", new JsonObject().put("description", "Tickets, newest first")
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
