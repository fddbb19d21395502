package klip.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many browser registrations each browser-bound address has right now, kept by the bridge. A capability
 * that builds an expensive push (a team's whole board) asks first whether anyone is listening; a browser that
 * registers later starts from the HTTP snapshot, so nothing is lost by not pushing to nobody.
 */
public final class BridgeListeners {

  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  void registered(String address) {
    counts.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
  }

  void unregistered(String address) {
    counts.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
  }

  public boolean anyListening(String address) {
    AtomicInteger n = counts.get(address);
    return n != null && n.get() > 0;
  }
}
