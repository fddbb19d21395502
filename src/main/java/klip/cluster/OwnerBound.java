package klip.cluster;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests that only the node owning the AMI connection can answer (an AMI action, the live board, an agent's state
 * as the queue reported it), taken on every node and answered by the owner. Each node listens node-locally on the
 * address itself and cluster-wide on {@code <address>@<node>}; a node that does not own AMI forwards the request to
 * the owner's address and relays the answer. On one node alone (or before the owner is known) the request is answered
 * where it arrives, as without a cluster.
 */
public final class OwnerBound {

  private static final Logger log = LoggerFactory.getLogger(OwnerBound.class);

  /** A take-over (a few seconds) must not keep the caller waiting longer than an AMI action would. */
  private static final long FORWARD_TIMEOUT_MS = 15_000;

  private final EventBus bus;
  private final String self;
  private final Supplier<String> owner;

  /**
   * @param self  this node, as the AMI lease names it
   * @param owner the node the lease names now, or null when not known yet
   */
  public OwnerBound(EventBus bus, String self, Supplier<String> owner) {
    this.bus = bus;
    this.self = self;
    this.owner = owner;
  }

  /** Whether requests are answered on this node: it owns AMI, or no owner is known yet (one node alone, at start). */
  public boolean answersHere() {
    return answersHere(owner.get());
  }

  private boolean answersHere(String current) {
    return current == null || current.equals(self);
  }

  /** Registers {@code handler} for {@code address}; completes once both registrations are in place. */
  public <T> Future<Void> consumer(String address, Handler<Message<T>> handler) {
    Future<Void> local = bus.<T>localConsumer(address, m -> {
      // One reading of the lease per request: it may move meanwhile, and a forward needs the owner it decided on.
      String current = owner.get();
      if (answersHere(current)) {
        handler.handle(m);
      } else {
        forward(address, current, m);
      }
    }).completion();
    Future<Void> forwarded = bus.<T>consumer(nodeAddress(address, self), m -> {
      String current = owner.get();
      if (answersHere(current)) {
        handler.handle(m);
      } else {
        // The lease moved while the request travelled: the caller may try again on the new owner.
        m.fail(503, "Server ini tidak lagi memegang koneksi PBX (kini " + current + "); coba lagi");
      }
    }).completion();
    return Future.all(local, forwarded).mapEmpty();
  }

  private <T> void forward(String address, String ownerNode, Message<T> m) {
    DeliveryOptions options = new DeliveryOptions().setHeaders(m.headers()).setSendTimeout(FORWARD_TIMEOUT_MS);
    bus.request(nodeAddress(address, ownerNode), m.body(), options)
        .onSuccess(reply -> m.reply(reply.body(), new DeliveryOptions().setHeaders(reply.headers())))
        .onFailure(err -> {
          if (err instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
            m.fail(re.failureCode(), re.getMessage());
          } else {
            // The reason stays in the log of the node that owns nothing: the user reads one sentence.
            log.warn("Request on {} not forwarded to the AMI owner {}: {}", address, ownerNode, err.getMessage());
            m.fail(503, "Server pemegang koneksi PBX (" + ownerNode + ") tidak dapat dihubungi; coba lagi "
                + "sebentar lagi");
          }
        });
  }

  static String nodeAddress(String address, String node) {
    return address + "@" + node;
  }
}
