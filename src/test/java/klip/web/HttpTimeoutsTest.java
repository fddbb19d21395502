package klip.web;

import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections a client holds without using them are closed by the server. Each test's other limit is far longer
 * than the test may wait, so the close it awaits can only come from the limit under test.
 */
class HttpTimeoutsTest {

  @Test
  @DisplayName("A keep-alive connection left idle after its answer is closed after the idle timeout")
  void idleConnectionIsClosed() throws Exception {
    try (TestServer ts = TestServer.start(new JsonObject().put("KLIP_HTTP_IDLE_TIMEOUT_MS", 300)
        .put("KLIP_HTTP_HEADERS_TIMEOUT_MS", 600_000))) {
      NetSocket socket = ts.vertx.createNetClient().connect(ts.port(), "127.0.0.1").await(10, TimeUnit.SECONDS);
      Promise<Buffer> answer = Promise.promise();
      Promise<Void> closed = Promise.promise();
      Buffer received = Buffer.buffer();
      socket.handler(data -> {
        received.appendBuffer(data);
        if (received.toString().contains("\r\n\r\n")) {
          answer.tryComplete(received);
        }
      });
      socket.closeHandler(v -> closed.tryComplete());
      socket.write("GET /openapi.json HTTP/1.1\r\nHost: klip\r\n\r\n");

      assertThat(answer.future().await(30, TimeUnit.SECONDS).toString()).startsWith("HTTP/1.1 200");
      closed.future().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("A request whose headers never finish arriving is closed after the request-headers deadline")
  void slowHeadersAreCutOff() throws Exception {
    try (TestServer ts = TestServer.start(new JsonObject().put("KLIP_HTTP_IDLE_TIMEOUT_MS", 600_000)
        .put("KLIP_HTTP_HEADERS_TIMEOUT_MS", 300))) {
      NetSocket socket = ts.vertx.createNetClient().connect(ts.port(), "127.0.0.1").await(10, TimeUnit.SECONDS);
      Promise<Void> closed = Promise.promise();
      Buffer received = Buffer.buffer();
      socket.handler(received::appendBuffer);
      socket.closeHandler(v -> closed.tryComplete());
      // Half a request: the line and one header, never the blank line that ends the headers.
      socket.write("GET /openapi.json HTTP/1.1\r\nHost: klip\r\n");

      closed.future().await(30, TimeUnit.SECONDS);
      assertThat(received.length()).as("no answer to a request that never arrived").isZero();
    }
  }

  @Test
  @DisplayName("After an answer, the next request's headers are due within the deadline again: a keep-alive "
      + "connection whose second request never finishes is closed, with only the first answered")
  void slowHeadersAfterAnAnswerAreCutOff() throws Exception {
    try (TestServer ts = TestServer.start(new JsonObject().put("KLIP_HTTP_IDLE_TIMEOUT_MS", 600_000)
        .put("KLIP_HTTP_HEADERS_TIMEOUT_MS", 300))) {
      NetSocket socket = ts.vertx.createNetClient().connect(ts.port(), "127.0.0.1").await(10, TimeUnit.SECONDS);
      Promise<Void> answered = Promise.promise();
      Promise<Void> closed = Promise.promise();
      Buffer received = Buffer.buffer();
      socket.handler(data -> {
        received.appendBuffer(data);
        if (received.toString().contains("\r\n\r\n") && answered.tryComplete()) {
          // The first answer is in: now half of a second request, never the blank line that ends its headers.
          socket.write("GET /openapi.json HTTP/1.1\r\nHost: klip\r\n");
        }
      });
      socket.closeHandler(v -> closed.tryComplete());
      socket.write("GET /health HTTP/1.1\r\nHost: klip\r\n\r\n");

      closed.future().await(30, TimeUnit.SECONDS);
      assertThat(answered.future().succeeded()).isTrue();
      String all = received.toString();
      assertThat(all.split("HTTP/1.1 ", -1)).as("one answer only: " + all).hasSize(2);
    }
  }
}
