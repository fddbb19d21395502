package klip.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * A request's input once it has passed its route's {@link RequestSchema}: the JSON body, and the path and query
 * parameters read as the types their schemas declare (query defaults filled in). Handlers read from here only, so
 * what they get has been checked.
 */
public final class RequestInput {

  static final String KEY = "klip.requestInput";

  private final JsonObject body;
  private final JsonObject path;
  private final JsonObject query;

  RequestInput(JsonObject body, JsonObject path, JsonObject query) {
    this.body = body;
    this.path = path;
    this.query = query;
  }

  public static RequestInput of(RoutingContext ctx) {
    RequestInput input = ctx.get(KEY);
    if (input == null) {
      throw new IllegalStateException(ctx.request().method() + " " + ctx.request().path()
          + " reads input its route declared no RequestSchema for");
    }
    return input;
  }

  /** The checked JSON body. */
  public JsonObject body() {
    if (body == null) {
      throw new IllegalStateException("The route declared no JSON body");
    }
    return body;
  }

  /** A text field of the body, trimmed; {@code null} when absent. */
  public String text(String field) {
    return text(body(), field);
  }

  /** A text field of a checked object (the body or one of its parts), trimmed; {@code null} when absent. */
  public static String text(JsonObject object, String field) {
    String value = object.getString(field);
    return value == null ? null : value.trim();
  }

  /** A whole-number path parameter its schema declared. */
  public long pathId(String name) {
    return path.getLong(name);
  }

  /** A text query parameter; {@code null} when absent or blank. */
  public String query(String name) {
    Object value = query.getValue(name);
    return value == null ? null : String.valueOf(value);
  }

  /** A whole-number query parameter: its value, or the schema's default. */
  public int queryInt(String name) {
    return query.getLong(name).intValue();
  }

  /** A whole-number query parameter without default; {@code null} when absent. */
  public Long optionalQueryLong(String name) {
    return query.getLong(name);
  }
}
