package klip.telephony;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.LongConsumer;

/**
 * Keeps this node's claim on the AMI lease: every {@link AmiLease#RENEW_MS} the owner renews it and a standby tries
 * to take it. Only an answer from the database changes anything: a database that does not answer leaves the owner
 * reading (its writes need the database anyway, and {@code ami_fence} refuses them once someone else owns the lease),
 * so a single node rides out a database outage exactly as before.
 */
final class AmiOwnership {

  private static final Logger log = LoggerFactory.getLogger(AmiOwnership.class);

  private final Vertx vertx;
  private final AmiLease lease;
  private final AmiStatus status;
  private final LongConsumer gained;
  private final Runnable lost;
  private volatile Long token;
  private long timer = -1;
  private boolean ticking;

  AmiOwnership(Vertx vertx, AmiLease lease, AmiStatus status, LongConsumer gained, Runnable lost) {
    this.vertx = vertx;
    this.lease = lease;
    this.status = status;
    this.gained = gained;
    this.lost = lost;
  }

  void start() {
    tick();
    timer = vertx.setPeriodic(AmiLease.RENEW_MS, id -> tick());
  }

  /** The fencing token while this node owns the lease, else null. */
  Long token() {
    return token;
  }

  Future<Void> stop() {
    vertx.cancelTimer(timer);
    boolean owned = token != null;
    token = null;
    return owned ? lease.release().otherwiseEmpty() : Future.succeededFuture();
  }

  private void tick() {
    if (ticking) {
      return;
    }
    ticking = true;
    lease.takeOrRenew()
        .compose(now -> now != null ? Future.succeededFuture(new Claim(now, lease.node()))
            : lease.owner().compose(this::fromDeadOwner))
        .onComplete(ar -> ticking = false)
        .onSuccess(this::apply)
        .onFailure(err -> log.debug("AMI lease not renewed this time: {}", err.getMessage()));
  }

  /**
   * A lease held by a process of this machine that no longer runs (this server killed and started again) is taken at
   * once with a new token, instead of leaving Asterisk unheard until it runs out.
   */
  private Future<Claim> fromDeadOwner(String owner) {
    if (!DeadLocalOwner.isDead(owner)) {
      return Future.succeededFuture(new Claim(null, owner));
    }
    return lease.takeFrom(owner).map(taken -> {
      if (taken != null) {
        log.info("The AMI lease's owner {} is a process of this machine that has ended: taken over at once", owner);
      }
      return taken != null ? new Claim(taken, lease.node()) : new Claim(null, owner);
    });
  }

  private void apply(Claim claim) {
    Long before = token;
    status.ownedBy(lease.node(), claim.owner(), claim.token());
    if (before == null && claim.token() != null) {
      token = claim.token();
      log.info("This node ({}) owns the AMI connection now (fencing token {})", lease.node(), claim.token());
      gained.accept(claim.token());
    } else if (before != null && claim.token() == null) {
      token = null;
      log.warn("This node ({}) lost the AMI lease to {}: it stops reading from Asterisk", lease.node(), claim.owner());
      lost.run();
    } else if (before != null && !before.equals(claim.token())) {
      // Renewed after someone else held it meanwhile: the facts read under the old token are fenced off.
      token = claim.token();
      lost.run();
      gained.accept(claim.token());
    }
  }

  private record Claim(Long token, String owner) {
  }
}
