package klip.http;

import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

import java.util.Map;
import java.util.function.Function;

/**
 * Checks a request against its route's {@link RequestSchema} before the handler runs: path parameters, query
 * parameters (text from the URL, trimmed, read as the type the schema declares), then the JSON body. The first mismatch
 * fails the request with a 400 naming the field; otherwise the checked values wait in a {@link RequestInput}.
 */
final class RequestValidator implements Handler<RoutingContext> {

  private static final JsonSchemaOptions OPTIONS = new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
      .setBaseUri("https://klip.invalid/schemas/").setOutputFormat(OutputFormat.Basic);

  private final RequestSchema schema;
  private final Check path;
  private final Check query;
  private final Check body;

  RequestValidator(RequestSchema schema) {
    this.schema = schema;
    this.path = schema.pathParameters().isEmpty() ? null
        : new Check(RequestSchema.parametersSchema(schema.pathParameters(), schema.pathParameters().keySet()));
    this.query = schema.queryParameters().isEmpty() ? null
        : new Check(RequestSchema.parametersSchema(schema.queryParameters(), schema.requiredQueryNames()));
    this.body = schema.bodySchema() == null ? null : new Check(schema.bodySchema());
  }

  @Override
  public void handle(RoutingContext ctx) {
    try {
      JsonObject pathValues = parameters(schema.pathParameters(), ctx::pathParam);
      check(path, pathValues, "Parameter");
      JsonObject queryValues = parameters(schema.queryParameters(), name -> ctx.queryParams().get(name));
      check(query, queryValues, "Parameter");
      defaults(queryValues);
      Object bodyValue = null;
      if (body != null) {
        bodyValue = parseBody(ctx);
        check(body, bodyValue, "Kolom");
      }
      ctx.put(RequestInput.KEY, new RequestInput(bodyValue instanceof JsonObject o ? o : null, pathValues,
          queryValues));
      ctx.next();
    } catch (ApiError e) {
      ctx.fail(e);
    }
  }

  private Object parseBody(RoutingContext ctx) {
    String text = ctx.body() == null ? null : ctx.body().asString();
    if (text == null || text.isBlank()) {
      if (schema.bodyOptional()) {
        return new JsonObject();
      }
      throw ApiError.badRequest("Badan permintaan kosong; diharapkan objek JSON");
    }
    try {
      return Json.decodeValue(text);
    } catch (DecodeException e) {
      throw ApiError.badRequest("Badan permintaan bukan JSON yang valid");
    }
  }

  private static void check(Check check, Object value, String subject) {
    if (check == null) {
      return;
    }
    OutputUnit result = check.validator.validate(value);
    if (!result.getValid()) {
      throw ApiError.badRequest(SchemaMessages.describe(result, check.schema, value, subject));
    }
  }

  /**
   * The declared parameters present in the request, each read as its schema's type. A value that does not read
   * (a word where a number belongs) stays text, so the schema's type check names it; a blank one is absent.
   */
  private static JsonObject parameters(Map<String, JsonObject> declared, Function<String, String> raw) {
    JsonObject values = new JsonObject();
    declared.forEach((name, fieldSchema) -> {
      String text = raw.apply(name);
      if (text != null && !text.isBlank()) {
        values.put(name, typed(text, fieldSchema.getValue("type")));
      }
    });
    return values;
  }

  private static Object typed(String text, Object type) {
    String trimmed = text.trim();
    if ("integer".equals(type)) {
      try {
        return Long.parseLong(trimmed);
      } catch (NumberFormatException e) {
        return text;
      }
    }
    if ("number".equals(type)) {
      try {
        double d = Double.parseDouble(trimmed);
        return Double.isFinite(d) ? d : text;
      } catch (NumberFormatException e) {
        return text;
      }
    }
    if ("boolean".equals(type) && (trimmed.equals("true") || trimmed.equals("false"))) {
      return Boolean.parseBoolean(trimmed);
    }
    return "string".equals(type) ? trimmed : text;
  }

  private void defaults(JsonObject queryValues) {
    schema.queryParameters().forEach((name, fieldSchema) -> {
      if (!queryValues.containsKey(name) && fieldSchema.containsKey("default")) {
        queryValues.put(name, fieldSchema.getValue("default"));
      }
    });
  }

  /** A compiled schema and its JSON (kept to name the field a complaint is about). */
  private static final class Check {
    final JsonObject schema;
    final Validator validator;

    Check(JsonObject schema) {
      this.schema = schema;
      // The validator annotates the JSON it is given: give it a copy, the original is also the published one.
      this.validator = Validator.create(JsonSchema.of(schema.copy()), OPTIONS);
    }
  }
}
