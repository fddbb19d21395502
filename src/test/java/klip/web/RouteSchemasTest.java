package klip.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import klip.access.AccessPolicy;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every route, as a role allowed on it, against the schemas the server publishes in /openapi.json (the ones that
 * check the requests): a body of the wrong shape, a missing required field, a field of the wrong type and a
 * whole-number parameter that is not a number each get a 400 whose message names what is wrong.
 */
class RouteSchemasTest {

  private static final Map<String, String> USER_OF_ROLE = Map.of("agent", "agent1", "team_leader", "tl1",
      "escalation_agent", "eskalasi1", "quality_assessor", "qa1", "sikp_editor", "editor1", "admin", "admin");

  private static TestServer ts;
  private static JsonObject paths;
  private static final Map<String, HttpSession> sessions = new HashMap<>();

  @BeforeAll
  static void start() {
    ts = TestServer.start();
    paths = HttpSession.anonymous(ts.vertx, ts.port()).get("/openapi.json").bodyAsJsonObject().getJsonObject("paths");
  }

  @AfterAll
  static void stop() {
    ts.close();
  }

  @Test
  @DisplayName("The OpenAPI document carries the request schemas: a JSON body for every route that reads one")
  void documentCarriesSchemas() {
    List<String> withBody = operations().stream().filter(o -> jsonBody(o.operation) != null).map(o -> o.route)
        .toList();
    assertThat(withBody).contains("POST /api/login", "PUT /api/tickets/{id}", "POST /api/tickets/{id}/transitions",
        "POST /api/admin/users", "PUT /api/sikp/articles/{id}", "POST /api/qa/forms", "POST /api/sikp/imports/{id}/chunks");
    assertThat(operations()).as("every route but signing out").hasSize(AccessPolicy.table().size() - 1);
  }

  @Test
  @DisplayName("Each route with a JSON body refuses a malformed one with a 400 that names the problem")
  void malformedBodies() {
    int checked = 0;
    for (Operation o : operations()) {
      JsonObject schema = jsonBody(o.operation);
      if (schema == null) {
        continue;
      }
      HttpSession as = session(o.operation);
      String path = concretePath(o);
      assertThat(error(as, o.method, path, "[1, 2]", o)).contains("objek JSON");
      JsonArray required = schema.getJsonArray("required", new JsonArray());
      if (!required.isEmpty()) {
        assertThat(error(as, o.method, path, "{}", o))
            .isEqualTo("Kolom '" + required.getString(0) + "' wajib diisi");
        JsonObject wrongTypes = new JsonObject();
        required.forEach(name -> wrongTypes.put((String) name, wrongType(schema.getJsonObject("properties")
            .getJsonObject((String) name))));
        assertThat(error(as, o.method, path, wrongTypes.encode(), o)).startsWith("Kolom '")
            .matches(m -> required.stream().anyMatch(name -> m.startsWith("Kolom '" + name + "'")), "names a field");
      }
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(28);
  }

  @Test
  @DisplayName("Each whole-number query parameter refuses a word with a 400 that names the parameter")
  void malformedQueryParameters() {
    int checked = 0;
    for (Operation o : operations()) {
      for (Object p : o.operation.getJsonArray("parameters", new JsonArray())) {
        JsonObject parameter = (JsonObject) p;
        if (parameter.getString("in").equals("query")
            && "integer".equals(parameter.getJsonObject("schema").getValue("type"))) {
          String name = parameter.getString("name");
          String message = error(session(o.operation), o.method, concretePath(o) + "?" + requiredQuery(o) + name
              + "=abc", null, o);
          assertThat(message).startsWith("Parameter '" + name + "' harus");
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(15);
  }

  private static String error(HttpSession as, HttpMethod method, String path, String body, Operation o) {
    HttpResponse<Buffer> r = as.send(method, path, body);
    assertThat(r.statusCode()).as(o.route + " with " + body + ": " + r.bodyAsString()).isEqualTo(400);
    JsonObject error = r.bodyAsJsonObject();
    assertThat(error.getInteger("status")).isEqualTo(400);
    return error.getString("error");
  }

  /** A value no schema of this field accepts: an object where text or a number belongs, and text otherwise. */
  private static Object wrongType(JsonObject field) {
    Object type = field.getValue("type");
    return "object".equals(type) ? "teks" : new JsonObject().put("x", 1);
  }

  private static JsonObject jsonBody(JsonObject operation) {
    JsonObject body = operation.getJsonObject("requestBody");
    JsonObject json = body == null ? null : body.getJsonObject("content").getJsonObject("application/json");
    return json == null || json.getJsonObject("schema").getString("format") != null ? null
        : json.getJsonObject("schema").getValue("type") == null ? null : json.getJsonObject("schema");
  }

  private static HttpSession session(JsonObject operation) {
    String role = operation.getJsonArray("x-klip-roles").getString(0);
    if (role.equals("public")) {
      return HttpSession.anonymous(ts.vertx, ts.port());
    }
    return sessions.computeIfAbsent(role, r -> ts.login(USER_OF_ROLE.get(r)));
  }

  /** The required query parameters with an accepted value each (the first of their words), as "a=b&". */
  private static String requiredQuery(Operation o) {
    StringBuilder out = new StringBuilder();
    for (Object p : o.operation.getJsonArray("parameters", new JsonArray())) {
      JsonObject parameter = (JsonObject) p;
      if (parameter.getString("in").equals("query") && parameter.getBoolean("required")) {
        out.append(parameter.getString("name")).append('=')
            .append(parameter.getJsonObject("schema").getJsonArray("enum").getString(0)).append('&');
      }
    }
    return out.toString();
  }

  /** The path with each parameter given a value of the form its schema asks for. */
  private static String concretePath(Operation o) {
    String path = o.path;
    for (Object p : o.operation.getJsonArray("parameters", new JsonArray())) {
      JsonObject parameter = (JsonObject) p;
      if (!parameter.getString("in").equals("path")) {
        continue;
      }
      JsonObject schema = parameter.getJsonObject("schema");
      String value = "integer".equals(schema.getValue("type")) ? "1"
          : "uuid".equals(schema.getString("format")) ? UUID.randomUUID().toString()
          : "date".equals(schema.getString("format")) ? "2026-04-10" : "abc";
      path = path.replace("{" + parameter.getString("name") + "}", value);
    }
    return path;
  }

  private record Operation(String route, HttpMethod method, String path, JsonObject operation) {
  }

  private static List<Operation> operations() {
    List<Operation> out = new ArrayList<>();
    paths.forEach(p -> ((JsonObject) p.getValue()).forEach(m -> {
      HttpMethod method = HttpMethod.valueOf(m.getKey().toUpperCase(java.util.Locale.ROOT));
      // Signing out would end the session the other checks use; it reads no input anyway.
      if (!(method == HttpMethod.POST && p.getKey().equals("/api/logout"))) {
        out.add(new Operation(method.name() + " " + p.getKey(), method, p.getKey(), (JsonObject) m.getValue()));
      }
    }));
    return out;
  }
}
