package klip.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.common.dsl.SchemaBuilder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one route accepts, as JSON schemas (vertx-json-schema): its JSON body, its path parameters and its query
 * parameters. {@link SecuredRouter} validates every request against it before the handler runs (a mismatch is a
 * 400 naming the field) and the same schemas describe the route in /openapi.json. Built once, when the route is
 * mounted.
 */
public final class RequestSchema {

  private JsonObject body;
  private boolean bodyOptional;
  private String rawBodyType;
  private final Map<String, JsonObject> path = new LinkedHashMap<>();
  private final Map<String, JsonObject> query = new LinkedHashMap<>();
  private final Set<String> requiredQuery = new LinkedHashSet<>();

  private RequestSchema() {
  }

  /** A route that reads neither a body nor query parameters (path parameters may still be declared). */
  public static RequestSchema none() {
    return new RequestSchema();
  }

  /** A route whose body is a JSON document matching {@code schema}; an empty body is refused. */
  public static RequestSchema body(SchemaBuilder<?, ?> schema) {
    RequestSchema s = new RequestSchema();
    s.body = Fields.json(schema);
    return s;
  }

  /** A route whose body is not JSON (a file chunk); its size limits are the handler's, the type is documented. */
  public static RequestSchema rawBody(String mediaType) {
    RequestSchema s = new RequestSchema();
    s.rawBodyType = mediaType;
    return s;
  }

  /** A route with a positive whole-number id in the path, under {@code name}. */
  public static RequestSchema id(String name) {
    return none().path(name, Fields.id());
  }

  /** An empty body counts as {@code {}} (the body's fields are all optional). */
  public RequestSchema optionalBody() {
    this.bodyOptional = true;
    return this;
  }

  public RequestSchema path(String name, SchemaBuilder<?, ?> schema) {
    path.put(name, Fields.json(schema));
    return this;
  }

  /** An optional query parameter; a blank value counts as absent, and the schema's {@code default} applies. */
  public RequestSchema query(String name, SchemaBuilder<?, ?> schema) {
    query.put(name, Fields.json(schema));
    return this;
  }

  public RequestSchema requiredQuery(String name, SchemaBuilder<?, ?> schema) {
    requiredQuery.add(name);
    return query(name, schema);
  }

  // What the route declared, for the OpenAPI document.

  public JsonObject bodySchema() {
    return body;
  }

  public boolean bodyOptional() {
    return bodyOptional;
  }

  public String rawBodyType() {
    return rawBodyType;
  }

  public Map<String, JsonObject> pathParameters() {
    return Collections.unmodifiableMap(path);
  }

  public Map<String, JsonObject> queryParameters() {
    return Collections.unmodifiableMap(query);
  }

  /** Path or query parameters as one object schema, so that one validation reports the first bad one. */
  static JsonObject parametersSchema(Map<String, JsonObject> parameters, Set<String> required) {
    JsonObject properties = new JsonObject();
    parameters.forEach(properties::put);
    return new JsonObject().put("type", "object").put("properties", properties)
        .put("required", new JsonArray(new ArrayList<>(required)));
  }

  public Set<String> requiredQueryNames() {
    return Collections.unmodifiableSet(requiredQuery);
  }
}
