package klip.pbx;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Minimal byte-level AMI client for tests that must see exactly what went over the wire. */
final class RawAmiClient {
  private final StringBuilder pending = new StringBuilder();
  private final List<String> blocks = new ArrayList<>();
  private final List<Object[]> waits = new ArrayList<>();
  private NetSocket socket;
  private final Promise<Void> closed = Promise.promise();

  static Future<RawAmiClient> login(Vertx vertx, int port, String user, String secret) {
    RawAmiClient c = new RawAmiClient();
    return vertx.createNetClient().connect(port, "127.0.0.1").compose(s -> {
      c.socket = s;
      s.handler(b -> c.onData(b.toString(StandardCharsets.UTF_8)));
      s.closeHandler(v -> c.closed.tryComplete());
      Future<String> loggedIn = c.await(block -> block.startsWith("Response:"));
      s.write("Action: Login\r\nActionID: raw-1\r\nUsername: " + user + "\r\nSecret: " + secret + "\r\n\r\n");
      return loggedIn.map(r -> c);
    });
  }

  private synchronized void onData(String text) {
    pending.append(text);
    if (pending.indexOf("Asterisk Call Manager/") == 0) {
      pending.delete(0, pending.indexOf("\r\n") + 2);
    }
    int end;
    while ((end = pending.indexOf("\r\n\r\n")) >= 0) {
      String block = pending.substring(0, end);
      pending.delete(0, end + 4);
      blocks.add(block);
      for (Object[] w : new ArrayList<>(waits)) {
        @SuppressWarnings("unchecked") Predicate<String> p = (Predicate<String>) w[0];
        if (p.test(block)) {
          waits.remove(w);
          @SuppressWarnings("unchecked") Promise<String> pr = (Promise<String>) w[1];
          pr.complete(block);
        }
      }
    }
  }

  /** Completes with the next block matching, received after this call. */
  synchronized Future<String> await(Predicate<String> matcher) {
    Promise<String> p = Promise.promise();
    waits.add(new Object[] {matcher, p});
    return p.future();
  }

  synchronized List<String> blocks() {
    return List.copyOf(blocks);
  }

  synchronized long eventCount() {
    return blocks.stream().filter(b -> b.startsWith("Event:")).count();
  }

  synchronized void clear() {
    blocks.clear();
  }

  void send(String raw) {
    socket.write(raw);
  }

  /** Completes when the server closed the connection. */
  Future<Void> closed() {
    return closed.future();
  }

  Future<Void> close() {
    return socket.close();
  }
}
