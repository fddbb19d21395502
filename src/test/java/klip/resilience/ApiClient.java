package klip.resilience;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One signed-in user of the API over real HTTP, signing in again whenever the server lost the session. */
final class ApiClient {

  /** The status (0 when no answer came) and the body of one call. */
  record Answer(int status, String body) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private final int port;
  private final String username;
  private final String password;
  private HttpClient client;
  private boolean signedIn;

  ApiClient(int port, String username, String password) {
    this.port = port;
    this.username = username;
    this.password = password;
  }

  Answer get(String path) {
    return call("GET", path, null);
  }

  Answer post(String path, JsonObject body) {
    return call("POST", path, body);
  }

  private Answer call(String method, String path, JsonObject body) {
    if (!signedIn && !signIn()) {
      return new Answer(0, "not signed in");
    }
    Answer answer = send(method, path, body);
    if (answer.status() == 401) {
      signedIn = false;
    }
    return answer;
  }

  private boolean signIn() {
    client = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(2)).build();
    Answer login = send("POST", "/api/login", new JsonObject().put("username", username).put("password", password));
    signedIn = login.status() == 200;
    return signedIn;
  }

  private Answer send(String method, String path, JsonObject body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).header("X-Requested-With", "klip");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    }
    try {
      HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      signedIn = false;
      return new Answer(0, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(0, "interrupted");
    }
  }
}
