package klip.web;

import klip.http.BrowserListeners;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How many browser registrations each browser-bound address has right now, counted by the bridge. */
public final class BridgeListeners implements BrowserListeners {

  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  void registered(String address) {
    counts.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
  }

  void unregistered(String address) {
    counts.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
  }

  @Override
  public boolean anyListening(String address) {
    AtomicInteger n = counts.get(address);
    return n != null && n.get() > 0;
  }
}
