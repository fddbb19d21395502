package klip.sikp;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.common.dsl.Schemas;
import klip.access.Principal;
import klip.access.Roles;
import klip.http.ApiError;
import klip.http.Fields;
import klip.http.HttpApi;
import klip.http.RequestInput;
import klip.http.RequestSchema;
import klip.http.SecuredRouter;
import klip.http.SessionBoundRoutes;



/**
 * SIKP for the desk: suggestions while the agent types, an article's full answer, its history and diffs.
 * Agents and team leaders read published articles only; SIKP editors and admins read every article.
 */
public final class SikpApi implements HttpApi {
  /** What an agent types is short; a pasted page is searched by its beginning rather than refused. */
  static final int MAX_QUERY_CHARS = 1000;
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SikpApi.class);
  static final int MAX_APP_CHARS = 60;
  static final int MAX_LIMIT = 20;
  static final int DEFAULT_LIMIT = 5;

  private final SikpService sikp;
  private final ArticleStore store;

  public SikpApi(SikpService sikp, ArticleStore store) {
    this.sikp = sikp;
    this.store = store;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/sikp/suggest", RequestSchema.none()
        .query("q", Schemas.stringSchema().withKeyword("description", "Any text; the first "
            + MAX_QUERY_CHARS + " characters are the query"))
        .query("app", Schemas.stringSchema().withKeyword("maxLength", MAX_APP_CHARS))
        .query("limit", Fields.whole(1, MAX_LIMIT, DEFAULT_LIMIT)), this::suggest);
    routes.shortRoad(HttpMethod.GET, "/sikp/suggest", this::suggestShort);
    routes.json(HttpMethod.GET, "/sikp/articles/:id", byId(), this::article);
    routes.json(HttpMethod.GET, "/sikp/articles/:id/versions", byId(), this::versions);
    routes.json(HttpMethod.GET, "/sikp/articles/:id/diff", byId()
        .query("from", Fields.whole(1, Integer.MAX_VALUE)).query("to", Fields.whole(1, Integer.MAX_VALUE)),
        this::diff);
  }

  /** An article by id ("SIKP-EFL-0001") or number. */
  static RequestSchema byId() {
    return RequestSchema.none().path("id", Schemas.stringSchema().withKeyword("pattern", "^[A-Za-z0-9-]{1,40}$"));
  }

  private Future<JsonArray> suggest(RoutingContext ctx) {
    RequestInput input = RequestInput.of(ctx);
    String q = input.query("q");
    return suggest(q, input.query("app"), input.queryInt("limit"));
  }

  /** {@code q} as checked (trimmed, absent when blank), its first {@link #MAX_QUERY_CHARS} characters searched. */
  private Future<JsonArray> suggest(String q, String app, int limit) {
    if (q == null) {
      return Future.succeededFuture(new JsonArray());
    }
    if (q.length() > MAX_QUERY_CHARS) {
      q = q.substring(0, Character.isHighSurrogate(q.charAt(MAX_QUERY_CHARS - 1)) ? MAX_QUERY_CHARS - 1
          : MAX_QUERY_CHARS);
    }
    return sikp.suggest(q, app, limit);
  }

  /**
   * The short road of the suggestions an agent's typing sends several times a second ({@link
   * SessionBoundRoutes}): a plainly valid request is answered without the router's per-request work, with
   * the parameters read as {@link klip.http.RequestValidator} reads them (trimmed, a blank one absent).
   * Anything else (an unknown or repeated parameter, a limit out of range, a long application name, a NUL
   * byte) goes the full way, which answers it, or refuses it with a 400, as it always did.
   */
  private boolean suggestShort(HttpServerRequest request, String param, Principal who, String sessionId) {
    String uri = request.uri();
    if (uri.contains("%00") || uri.indexOf('\u0000') >= 0) {
      return false;
    }
    MultiMap params;
    try {
      params = request.params();
    } catch (RuntimeException e) {
      return false;
    }
    for (String name : params.names()) {
      if (!SHORT_ROAD_PARAMS.contains(name) || params.getAll(name).size() != 1) {
        return false;
      }
    }
    String app = present(params.get("app"));
    String limitText = present(params.get("limit"));
    if (app != null && app.length() > MAX_APP_CHARS || limitText != null && !twoDigits(limitText)) {
      return false;
    }
    int limit = limitText == null ? DEFAULT_LIMIT : Integer.parseInt(limitText);
    if (limit < 1 || limit > MAX_LIMIT) {
      return false;
    }
    HttpServerResponse response = request.response();
    suggest(present(params.get("q")), app, limit)
        .onSuccess(hits -> response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
            .end(hits.encode()))
        .onFailure(err -> {
          if (!(err instanceof ApiError)) {
            log.error("GET /api/sikp/suggest failed", err);
          }
          SessionBoundRoutes.fail(response, err instanceof ApiError e ? e
              : new ApiError(500, "Terjadi kesalahan internal"));
        });
    return true;
  }

  private static boolean twoDigits(String s) {
    return (s.length() == 1 || s.length() == 2) && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static final java.util.Set<String> SHORT_ROAD_PARAMS = java.util.Set.of("q", "app", "limit");

  /** A parameter as the validator reads text: trimmed, and absent when blank. */
  private static String present(String raw) {
    return raw == null || raw.isBlank() ? null : raw.trim();
  }

  private Future<JsonObject> article(RoutingContext ctx) {
    return visible(ctx);
  }

  private Future<JsonArray> versions(RoutingContext ctx) {
    return visible(ctx).compose(a -> store.versions(a.getString("id")));
  }

  /** ?from=N&to=M (default: the previous version against the current one) → a word diff per field. */
  private Future<JsonObject> diff(RoutingContext ctx) {
    return visible(ctx).compose(a -> {
      int current = a.getInteger("version");
      RequestInput input = RequestInput.of(ctx);
      int to = version(input, "to", current, current);
      int from = version(input, "from", Math.max(1, to - 1), current);
      String id = a.getString("id");
      // The diff is quadratic in the words of a field: worked out on a worker thread, not the event loop.
      return store.version(id, from).compose(before -> store.version(id, to).compose(after ->
          ctx.vertx().executeBlocking(() -> {
            JsonArray fields = new JsonArray();
            for (String f : new String[] {"title", "question", "variants", "answer", "keywords"}) {
              fields.add(new JsonObject().put("field", f).put("ops", WordDiff.diff(text(before, f), text(after, f))));
            }
            return new JsonObject().put("id", id).put("from", before).put("to", after).put("fields", fields);
          }, false)));
    });
  }

  /** A version number asked for: at most the article's current one. */
  private static int version(RequestInput input, String name, int fallback, int current) {
    Long asked = input.optionalQueryLong(name);
    if (asked == null) {
      return fallback;
    }
    if (asked > current) {
      throw ApiError.badRequest("Parameter '" + name + "' harus angka antara 1 dan " + current);
    }
    return asked.intValue();
  }

  private static String text(JsonObject version, String field) {
    Object v = version.getValue(field);
    return v instanceof JsonArray list ? String.join("\n", list.stream().map(String::valueOf).toList())
        : v == null ? "" : v.toString();
  }

  /** The article by id ("SIKP-EFL-0001") or number, if the caller may read it. */
  private Future<JsonObject> visible(RoutingContext ctx) {
    String raw = ctx.pathParam("id");
    Future<JsonObject> found = raw.chars().allMatch(Character::isDigit) && raw.length() < 18
        ? store.findByNumber(Long.parseLong(raw)) : store.find(raw);
    Principal me = Principal.of(ctx);
    boolean editor = me.hasRole(Roles.SIKP_EDITOR) || me.hasRole(Roles.ADMIN);
    return found.map(a -> {
      if (!editor && "draft".equals(a.getString("status"))) {
        throw ApiError.notFound("Artikel SIKP " + raw + " tidak ditemukan");
      }
      return a;
    });
  }
}
