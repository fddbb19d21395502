package klip.http;

import io.netty.channel.epoll.EpollChannelOption;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.impl.ConnectionBase;
import klip.observability.Metrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cork is on the server's socket while a file answer is written and off once it is: if a Vert.x upgrade hid
 * the socket from us, seeks would silently go back to two segments, and this test says so.
 */
class TcpCorkTest {

  private final Vertx vertx = new Metrics().newVertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static boolean corked(HttpConnection connection) {
    return ((ConnectionBase) connection).channel().config().getOption(EpollChannelOption.TCP_CORK);
  }

  @Test
  @DisplayName("A range sent from a file is corked while written and uncorked after; the bytes arrive whole")
  void corkedWhileWrittenThenUncorked() throws Exception {
    assertThat(vertx.isNativeTransportEnabled()).as("the epoll transport this relies on").isTrue();
    Path file = Files.createTempFile("klip-cork", ".bin");
    byte[] bytes = new byte[20_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    Files.write(file, bytes);
    Promise<List<Boolean>> seen = Promise.promise();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      // Deployed as the server is, in a verticle, which also keeps the server referenced while the test runs.
      AtomicReference<HttpServer> server = new AtomicReference<>();
      vertx.deployVerticle(new VerticleBase() {
        @Override
        public Future<?> start() {
          return vertx.createHttpServer().requestHandler(req -> {
            HttpConnection connection = req.connection();
            boolean before = corked(connection);
            Runnable uncork = TcpCork.hold(req);
            boolean during = corked(connection);
            req.response().setStatusCode(206).sendFile(channel, 1000, 8192).onComplete(sent -> {
              uncork.run();
              seen.tryComplete(List.of(before, during, corked(connection)));
            });
          }).listen(0, "127.0.0.1").onSuccess(server::set);
        }
      }).await(10, TimeUnit.SECONDS);
      // Held until the end: Vert.x closes a client that nothing references any more, request in flight or not.
      HttpClient client = vertx.createHttpClient();
      Buffer body = client.request(HttpMethod.GET, server.get().actualPort(), "127.0.0.1", "/")
          .compose(req -> req.send()).compose(resp -> resp.body()).await(10, TimeUnit.SECONDS);
      client.close().await(10, TimeUnit.SECONDS);
      assertThat(body.getBytes()).isEqualTo(java.util.Arrays.copyOfRange(bytes, 1000, 1000 + 8192));
      assertThat(seen.future().await(10, TimeUnit.SECONDS)).containsExactly(false, true, false);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
