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
 * Connections are handled on the HTTP verticle's event loop, so the map needs no locking.
 */
final class ConnectionDeadlines {

  /** @param idleMs idle timeout; @param headersMs time allowed for the headers of each request */
  record Settings(long idleMs, long headersMs) {
  }

  private final Vertx vertx;
  private final Settings settings;
  private final Map<HttpConnection, Long> waitingForHeaders = new HashMap<>();

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

  /**
   * For {@code HttpServer.connectionHandler}: the first request's headers are due from the moment of connecting. A
   * connection closed meanwhile keeps its timer until it fires (closing it again does nothing).
   */
  void connected(HttpConnection connection) {
    arm(connection);
  }

  /** Wraps the request handler: the headers are in; the next request's deadline starts when this answer ends. */
  Handler<HttpServerRequest> requests(Handler<HttpServerRequest> next) {
    return request -> {
      HttpConnection connection = request.connection();
      cancel(connection);
      // HTTP/2 multiplexes requests on one connection and a WebSocket stays open after its upgrade: the idle
      // timeout is their bound. An HTTP/1.x connection serves one request at a time.
      if (request.version() != HttpVersion.HTTP_2 && !request.headers().contains("Upgrade")) {
        request.response().endHandler(v -> arm(connection));
      }
      next.handle(request);
    };
  }

  private void arm(HttpConnection connection) {
    cancel(connection);
    long timer = vertx.setTimer(settings.headersMs(), id -> {
      waitingForHeaders.remove(connection);
      connection.close();
    });
    waitingForHeaders.put(connection, timer);
  }

  private void cancel(HttpConnection connection) {
    Long timer = waitingForHeaders.remove(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }
}
