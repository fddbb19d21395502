package klip.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Bounds what a client may hold without using it. The idle timeout closes a connection on which nothing was read
 * or written for a while (the event-bus bridge's heartbeats count as traffic); the request-headers deadline closes
 * one whose next request's headers have not all arrived in time, however slowly they trickle in (which the idle
 * timeout alone would allow). A WebSocket upgrade is such a request, so its handshake is bounded the same way.
 *
 * <p>A request costs no timer: each connection has one, which on firing looks at when the connection started
 * waiting for headers and either closes it or sleeps again until that wait's deadline. A player's seeks (thousands
 * of small requests on one connection) would otherwise each schedule and cancel one. Connections are handled on
 * the HTTP verticle's event loop, so nothing here needs locking.
 */
final class ConnectionDeadlines {

  /** @param idleMs idle timeout; @param headersMs time allowed for the headers of each request */
  record Settings(long idleMs, long headersMs) {
  }

  private static final long SERVING = -1;
  /** HTTP/2 multiplexes requests on one connection and a WebSocket stays open: the idle timeout is their bound. */
  private static final long UNBOUNDED = -2;

  private final Vertx vertx;
  private final Settings settings;
  private final Map<HttpConnection, Waiting> connections = new HashMap<>();

  ConnectionDeadlines(Vertx vertx, Settings settings) {
    this.vertx = vertx;
    this.settings = settings;
  }

  HttpServerOptions apply(HttpServerOptions options) {
    // Without h2c the server knows a connection is HTTP/1.x as it accepts it; while sniffing for the h2c preface
    // the connection it hands to the connection handler is not yet the one that carries the request.
    return options.setIdleTimeout((int) settings.idleMs()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setHttp2ClearTextEnabled(false);
  }

  /** For {@code HttpServer.connectionHandler}: the first request's headers are due from the moment of connecting. */
  void connected(HttpConnection connection) {
    Waiting waiting = new Waiting(connection);
    connections.put(connection, waiting);
    connection.closeHandler(v -> waiting.forget());
    waiting.sleep(settings.headersMs());
  }

  /** Wraps the request handler: the headers are in; the next request's deadline starts when this answer ends. */
  Handler<HttpServerRequest> requests(Handler<HttpServerRequest> next) {
    return request -> {
      Waiting waiting = connections.get(request.connection());
      if (waiting != null) {
        // An HTTP/1.x connection serves one request at a time.
        if (request.version() == HttpVersion.HTTP_2 || request.headers().contains("Upgrade")) {
          waiting.since = UNBOUNDED;
        } else if (waiting.since != UNBOUNDED) {
          waiting.since = SERVING;
          request.response().endHandler(waiting.answered);
        }
      }
      next.handle(request);
    };
  }

  /** One connection's wait for headers: since when (or serving a request, or unbounded), and its one timer. */
  private final class Waiting {
    private final HttpConnection connection;
    private final Handler<Void> answered = v -> answered();
    private final Handler<Long> due = id -> due();
    private long since = System.nanoTime();
    private long timer = -1;

    Waiting(HttpConnection connection) {
      this.connection = connection;
    }

    private void answered() {
      if (since == SERVING) {
        since = System.nanoTime();
      }
    }

    private void due() {
      timer = -1;
      if (since == UNBOUNDED) {
        connections.remove(connection);
        return;
      }
      if (since == SERVING) {
        sleep(settings.headersMs());
        return;
      }
      long leftMs = settings.headersMs() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
      if (leftMs <= 0) {
        forget();
        connection.close();
      } else {
        sleep(leftMs);
      }
    }

    void sleep(long ms) {
      timer = vertx.setTimer(ms, due);
    }

    void forget() {
      connections.remove(connection);
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }
  }
}
