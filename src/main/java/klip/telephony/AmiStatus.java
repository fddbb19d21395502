package klip.telephony;

/**
 * The AMI connection's state as /health reports it: written by the telephony verticle, read by others.
 * Only volatile fields, so readers on other event loops see a consistent enough picture without locks.
 */
public final class AmiStatus {

  private final io.vertx.core.Promise<Void> firstConnection = io.vertx.core.Promise.promise();

  private volatile boolean connected;
  private volatile String lastError = "not connected yet";
  private volatile long reconnects;
  private volatile long since = System.currentTimeMillis();
  /** This node, as the AMI lease names it: process id and host, and a random part for several nodes in one JVM. */
  private final String node = java.lang.management.ManagementFactory.getRuntimeMXBean().getName() + "/"
      + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffffffL);
  private volatile String owner;
  private volatile Long fencingToken;

  public String node() {
    return node;
  }

  /** The node that owns the AMI connection as last seen in the lease, or null before the first look. */
  public String owner() {
    return owner;
  }

  /** The fencing token while this node owns the AMI connection, else null. */
  public Long fencingToken() {
    return fencingToken;
  }

  /** Another node owns the AMI connection: this one's AMI being away is expected, not a fault. */
  public boolean standby() {
    return owner != null && !owner.equals(node);
  }

  void ownedBy(String thisNode, String ownerNode, Long token) {
    owner = ownerNode;
    fencingToken = token;
  }

  public boolean connected() {
    return connected;
  }

  public String lastError() {
    return lastError;
  }

  public long reconnects() {
    return reconnects;
  }

  public long since() {
    return since;
  }

  /** Completes when the AMI connection is first logged in and resynchronised: tests and benchmarks wait on it. */
  public io.vertx.core.Future<Void> firstConnection() {
    return firstConnection.future();
  }

  void resynchronised() {
    firstConnection.tryComplete();
  }

  void up(boolean reconnect) {
    connected = true;
    lastError = null;
    since = System.currentTimeMillis();
    if (reconnect) {
      reconnects++;
    }
  }

  void down(String reason) {
    if (connected || !reason.equals(lastError)) {
      since = System.currentTimeMillis();
    }
    connected = false;
    lastError = reason;
  }
}
