package klip.asterisk;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy between the server and Asterisk's AMI port that a test can cut (every connection through it closed,
 * new ones refused) and restore: an AMI outage as a network failure causes it, while Asterisk goes on.
 */
final class AmiProxy implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final int targetPort;
  private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
  private NetServer server;
  private int port;

  private AmiProxy(int targetPort) {
    this.targetPort = targetPort;
  }

  static AmiProxy start(int targetPort) throws Exception {
    AmiProxy proxy = new AmiProxy(targetPort);
    proxy.listen(0);
    return proxy;
  }

  int port() {
    return port;
  }

  private void listen(int onPort) throws Exception {
    server = vertx.createNetServer().connectHandler(this::relay);
    port = server.listen(onPort, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
  }

  private void relay(NetSocket downstream) {
    downstream.pause();
    vertx.createNetClient().connect(targetPort, "127.0.0.1").onSuccess(upstream -> {
      open.add(downstream);
      open.add(upstream);
      downstream.handler(upstream::write);
      upstream.handler(downstream::write);
      downstream.closeHandler(v -> upstream.close());
      upstream.closeHandler(v -> downstream.close());
      downstream.resume();
    }).onFailure(err -> downstream.close());
  }

  /** The cut: no listener, every open connection closed. */
  void cut() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
    for (NetSocket s : open) {
      s.close();
    }
    open.clear();
  }

  /** The network is back: connections to the same port are relayed again. */
  void restore() throws Exception {
    listen(port);
  }

  @Override
  public void close() {
    vertx.close();
  }
}
