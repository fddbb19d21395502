package klip.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * Where a request really came from, and whether it came over TLS. Forwarded headers are believed only from
 * the configured trusted proxies: anyone else could write "X-Forwarded-For: 10.0.0.1" to dodge a lock-out.
 */
public final class ClientAddress {

  private static final String ADDRESS_KEY = "klip.clientAddress";
  private static final String SECURE_KEY = "klip.secure";

  private ClientAddress() {
  }

  /** Mounted first on every request: resolves the address and the scheme once. */
  public static Handler<RoutingContext> resolver(Set<String> trustedProxies) {
    return ctx -> {
      SocketAddress peer = ctx.request().remoteAddress();
      String direct = peer == null ? "" : peer.hostAddress();
      String address = direct;
      if (trustedProxies.contains(direct)) {
        address = clientFromForwardedFor(ctx.request().getHeader("X-Forwarded-For"), trustedProxies, direct);
      }
      ctx.put(ADDRESS_KEY, address);
      ctx.put(SECURE_KEY, secure(ctx.request(), trustedProxies));
      ctx.next();
    };
  }

  /** Whether a request came over TLS, directly or (by its X-Forwarded-Proto) through one of our proxies. */
  public static boolean secure(HttpServerRequest request, Set<String> trustedProxies) {
    if (request.isSSL()) {
      return true;
    }
    if (trustedProxies.isEmpty()) {
      return false;
    }
    SocketAddress peer = request.remoteAddress();
    if (peer == null || !trustedProxies.contains(peer.hostAddress())) {
      return false;
    }
    String proto = request.getHeader("X-Forwarded-Proto");
    return proto != null && proto.trim().equalsIgnoreCase("https");
  }

  /** The right-most address that is not one of our proxies: the left part of the header is client-written. */
  static String clientFromForwardedFor(String header, Set<String> trustedProxies, String fallback) {
    if (header == null || header.isBlank()) {
      return fallback;
    }
    String[] hops = header.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
        return hop.length() > 64 ? hop.substring(0, 64) : hop;
      }
    }
    return fallback;
  }

  /** The client's address (never null; empty when unknown). */
  public static String of(RoutingContext ctx) {
    String address = ctx.get(ADDRESS_KEY);
    if (address != null) {
      return address;
    }
    SocketAddress peer = ctx.request().remoteAddress();
    return peer == null ? "" : peer.hostAddress();
  }

  /** Whether the browser reached us over TLS (directly or via a trusted proxy). */
  public static boolean secure(RoutingContext ctx) {
    Boolean secure = ctx.get(SECURE_KEY);
    return secure != null && secure;
  }
}
