package klip.sikp;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import klip.access.Principal;
import klip.access.Roles;
import klip.http.ApiError;
import klip.http.HttpApi;
import klip.http.Requests;
import klip.http.SecuredRouter;

/**
 * SIKP for the desk: suggestions while the agent types, an article's full answer, its history and diffs.
 * Agents and team leaders read published articles only; SIKP editors and admins read every article.
 */
public final class SikpApi implements HttpApi {
  /** What an agent types is short; a pasted page is searched by its beginning rather than refused. */
  static final int MAX_QUERY_CHARS = 1000;
  private static final Pattern ARTICLE_ID = Pattern.compile("[A-Za-z0-9-]{1,40}");

  private final SikpService sikp;
  private final ArticleStore store;

  public SikpApi(SikpService sikp, ArticleStore store) {
    this.sikp = sikp;
    this.store = store;
  }

  @Override
  public void mount(SecuredRouter routes) {
    routes.json(HttpMethod.GET, "/sikp/suggest", this::suggest);
    routes.json(HttpMethod.GET, "/sikp/articles/:id", this::article);
    routes.json(HttpMethod.GET, "/sikp/articles/:id/versions", this::versions);
    routes.json(HttpMethod.GET, "/sikp/articles/:id/diff", this::diff);
  }

  private Future<JsonArray> suggest(RoutingContext ctx) {
    String q = ctx.queryParams().get("q");
    String app = ctx.queryParams().get("app");
    int limit = Requests.intQuery(ctx, "limit", 5, 1, 20);
    if (q == null || q.isBlank()) {
      return Future.succeededFuture(new JsonArray());
    }
    if (q.length() > MAX_QUERY_CHARS) {
      q = q.substring(0, Character.isHighSurrogate(q.charAt(MAX_QUERY_CHARS - 1)) ? MAX_QUERY_CHARS - 1
          : MAX_QUERY_CHARS);
    }
    if (app != null && app.length() > 60) {
      throw ApiError.badRequest("Parameter 'app' terlalu panjang (application name too long)");
    }
    return sikp.suggest(q, app, limit);
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
      int to = Requests.intQuery(ctx, "to", current, 1, current);
      int from = Requests.intQuery(ctx, "from", Math.max(1, to - 1), 1, current);
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

  private static String text(JsonObject version, String field) {
    Object v = version.getValue(field);
    return v instanceof JsonArray list ? String.join("\n", list.stream().map(String::valueOf).toList())
        : v == null ? "" : v.toString();
  }

  /** The article by id ("SIKP-EFL-0001") or number, if the caller may read it. */
  private Future<JsonObject> visible(RoutingContext ctx) {
    String raw = ctx.pathParam("id");
    if (raw == null || !ARTICLE_ID.matcher(raw).matches()) {
      throw ApiError.badRequest("ID artikel tidak valid (invalid article id)");
    }
    Future<JsonObject> found = raw.chars().allMatch(Character::isDigit) && raw.length() < 18
        ? store.findByNumber(Long.parseLong(raw)) : store.find(raw);
    Principal me = Principal.of(ctx);
    boolean editor = me.hasRole(Roles.SIKP_EDITOR) || me.hasRole(Roles.ADMIN);
    return found.map(a -> {
      if (!editor && "draft".equals(a.getString("status"))) {
        throw ApiError.notFound("Artikel SIKP " + raw + " tidak ditemukan (article not found)");
      }
      return a;
    });
  }
}
