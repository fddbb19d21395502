package klip.http;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import klip.access.AccessPolicy;
import klip.access.Principal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A short road for requests that are many, small and already vouched for (the Range requests of an audited
 * playback, the suggestions while an agent types): served by the HTTP server's request handler ahead of the
 * router, whose per-request work (a routing context, the session handler copying a session out of and back into
 * the store, schema validation, the walk through every API route) costs more than the answer. The session is
 * still checked on every request, against the store by the cookie's id, and the route's rule in the access
 * table still applies. Whatever the short road does not serve, it hands on untouched to the router, which
 * answers it (and every refusal) as it always did.
 */
public final class SessionBoundRoutes {

  /** The signed-in principal of a session id, if the session is alive; touching it counts as use. */
  public interface SessionPrincipals {
    String cookieName();

    /** The session's valid principal, or null (unknown, idle too long, too old, user deactivated). */
    Future<Principal> resume(String sessionId);
  }

  /** Serves a request, or returns false having written nothing, to hand it on to the router. */
  @FunctionalInterface
  public interface Handler {
    /**
     * @param param the path's one parameter, as sent (not decoded: a handler accepts only plain values); empty
     *     on a road without a parameter
     */
    boolean serve(HttpServerRequest request, String param, Principal who, String sessionId);
  }

  /** A route {@code prefix + param + suffix}, the parameter being one path segment; or {@code prefix} alone. */
  private record Road(HttpMethod method, String prefix, String suffix, AccessPolicy.Rule rule, Handler handler) {

    /** The parameter of a request-target matching this road (with a query or none), or null. */
    String param(String uri) {
      if (!uri.startsWith(prefix)) {
        return null;
      }
      if (suffix == null) {
        return uri.length() == prefix.length() || uri.charAt(prefix.length()) == '?' ? "" : null;
      }
      int end = uri.indexOf('/', prefix.length());
      if (end <= prefix.length() || !uri.startsWith(suffix, end)) {
        return null;
      }
      int after = end + suffix.length();
      if (after != uri.length() && uri.charAt(after) != '?') {
        return null;
      }
      return uri.substring(prefix.length(), end);
    }
  }

  private final SessionPrincipals sessions;
  private final Consumer<HttpServerRequest> commonHeaders;
  private final List<Road> roads = new ArrayList<>();

  /** @param commonHeaders writes the headers every answer carries (security headers) on a request's response */
  public SessionBoundRoutes(SessionPrincipals sessions, Consumer<HttpServerRequest> commonHeaders) {
    this.sessions = sessions;
    this.commonHeaders = commonHeaders;
  }

  /**
   * A short road to {@code method /api + path}, a path with exactly one parameter segment between a fixed prefix
   * and a fixed suffix ({@code /recordings/:id/audio}) or without any ({@code /sikp/suggest}); only for a
   * principal whose role the access table allows.
   */
  public void route(HttpMethod method, String path, Handler handler) {
    if (path.indexOf(':') < 0) {
      roads.add(new Road(method, "/api" + path, null, AccessPolicy.ruleFor(method, "/api" + path), handler));
      return;
    }
    int colon = path.indexOf("/:");
    int next = colon < 0 ? -1 : path.indexOf('/', colon + 1);
    if (colon < 0 || next < 0 || path.indexOf(':', next) >= 0) {
      throw new IllegalArgumentException("a short road has one parameter between a prefix and a suffix: " + path);
    }
    roads.add(new Road(method, "/api" + path.substring(0, colon + 1), path.substring(next),
        AccessPolicy.ruleFor(method, "/api" + path), handler));
  }

  /** The server's request handler: the short roads first, everything else (and every refusal) to {@code rest}. */
  public io.vertx.core.Handler<HttpServerRequest> ahead(io.vertx.core.Handler<HttpServerRequest> rest) {
    return request -> {
      if (!serve(request)) {
        rest.handle(request);
      }
    };
  }

  private boolean serve(HttpServerRequest request) {
    for (int i = 0; i < roads.size(); i++) {
      Road road = roads.get(i);
      String param = road.method() == request.method() ? road.param(request.uri()) : null;
      if (param != null) {
        return serve(request, road, param);
      }
    }
    return false;
  }

  private boolean serve(HttpServerRequest request, Road road, String param) {
    Cookie cookie = request.getCookie(sessions.cookieName());
    if (cookie == null) {
      return false;
    }
    String sessionId = cookie.getValue();
    Future<Principal> found = sessions.resume(sessionId);
    // The local session store answers at once; were it ever to answer later, the router takes the request.
    Principal who = found.isComplete() && found.succeeded() ? found.result() : null;
    if (who == null || !road.rule().allows(who.role())) {
      return false;
    }
    commonHeaders.accept(request);
    if (road.handler().serve(request, param, who, sessionId)) {
      return true;
    }
    request.response().headers().clear();
    return false;
  }

  /**
   * Answers a short-road request that failed after it was taken (its file went away before the first byte), with
   * the JSON the router's failure handler writes for the same error.
   */
  public static void fail(HttpServerResponse response, ApiError error) {
    if (response.headWritten()) {
      response.reset();
      return;
    }
    response.headers().remove("Content-Range");
    response.setStatusCode(error.status()).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(new JsonObject().put("error", error.getMessage()).put("status", error.status()).encode());
  }
}
