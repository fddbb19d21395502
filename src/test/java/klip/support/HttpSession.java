package klip.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.concurrent.TimeUnit;

/** A signed-in (or anonymous) HTTP client for tests: blocking calls, real HTTP, the session cookie kept. */
public final class HttpSession {

  private final WebClient client;
  private final int port;
  private String cookie;

  private HttpSession(Vertx vertx, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    this.port = port;
  }

  public static HttpSession anonymous(Vertx vertx, int port) {
    return new HttpSession(vertx, port);
  }

  public static HttpSession login(Vertx vertx, int port, String username, String password) {
    HttpSession session = new HttpSession(vertx, port);
    HttpResponse<Buffer> r = session.send(HttpMethod.POST, "/api/login",
        new JsonObject().put("username", username).put("password", password).encode());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("Login of " + username + " failed: " + r.statusCode() + " " + r.bodyAsString());
    }
    return session;
  }

  public String cookie() {
    return cookie;
  }

  public int port() {
    return port;
  }

  public HttpResponse<Buffer> get(String path) {
    return send(HttpMethod.GET, path, null);
  }

  public HttpResponse<Buffer> post(String path, JsonObject body) {
    return send(HttpMethod.POST, path, body == null ? null : body.encode());
  }

  public HttpResponse<Buffer> put(String path, JsonObject body) {
    return send(HttpMethod.PUT, path, body.encode());
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path, String body) {
    var request = client.request(method, path);
    if (cookie != null) {
      request.putHeader("Cookie", cookie);
    }
    // What the browser's api.js sends on every call: the server refuses writes without it (CSRF protection).
    request.putHeader("X-Requested-With", "klip");
    if (body != null) {
      request.putHeader("Content-Type", "application/json");
    }
    try {
      HttpResponse<Buffer> response = (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)))
          .await(30, TimeUnit.SECONDS);
      for (String setCookie : response.cookies()) {
        if (setCookie.startsWith("klip.session=")) {
          cookie = setCookie.substring(0, setCookie.indexOf(';'));
        }
      }
      return response;
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
    }
  }
}
