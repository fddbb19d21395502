package klip.pbx;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One client connection: banner, decoding, login state, and writing responses and events. */
final class SimulatedAmiSession {
  static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";
  private static final Logger log = LoggerFactory.getLogger(SimulatedAmiSession.class);

  private final NetSocket socket;
  private final Consumer<SimulatedAmiSession> onClose;
  boolean authenticated;
  boolean eventsOn = true;
  String challenge;
  private boolean closed;

  SimulatedAmiSession(NetSocket socket, BiConsumer<SimulatedAmiSession, AmiMessage> onAction, Consumer<SimulatedAmiSession> onClose) {
    this.socket = socket;
    this.onClose = onClose;
    AmiDecoder decoder = new AmiDecoder(action -> onAction.accept(this, action));
    socket.handler(decoder::feed);
    socket.closeHandler(v -> closed());
    socket.exceptionHandler(e -> log.debug("AMI client {} error: {}", socket.remoteAddress(), e.toString()));
    socket.write(BANNER);
  }

  private void closed() {
    if (!closed) {
      closed = true;
      onClose.accept(this);
    }
  }

  boolean receivesEvents() {
    return authenticated && eventsOn && !closed;
  }

  Future<Void> send(AmiMessage m) {
    return sendRaw(m.encode());
  }

  Future<Void> send(List<AmiMessage> messages) {
    StringBuilder sb = new StringBuilder();
    messages.forEach(m -> sb.append(m.encode()));
    return sendRaw(sb.toString());
  }

  Future<Void> sendRaw(String text) {
    if (closed) {
      return Future.succeededFuture();
    }
    return socket.write(Buffer.buffer(text, "UTF-8"));
  }

  /** Orderly close after what was written (Logoff, failed login). */
  void closeGracefully() {
    socket.end();
  }

  /** Abrupt cut, as when the PBX crashes or the network drops. */
  void cut() {
    socket.close();
  }

  String remote() {
    return String.valueOf(socket.remoteAddress());
  }
}
