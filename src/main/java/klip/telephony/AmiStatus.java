package klip.telephony;

/**
 * The AMI connection's state as /health reports it: written by the telephony verticle, read by others.
 * Only volatile fields, so readers on other event loops see a consistent enough picture without locks.
 */
public final class AmiStatus {

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
