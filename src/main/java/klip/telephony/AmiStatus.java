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
