package klip.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import klip.http.ClientAddress;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/** Headers every response carries: no inline script, no framing, no content sniffing. */
final class SecurityHeaders {

  // Encoded once: the short road writes them on every seek of a playback.
  private static final CharSequence CSP_NAME = HttpHeaders.createOptimized("Content-Security-Policy");
  private static final CharSequence CSP = HttpHeaders.createOptimized("default-src 'self'; script-src 'self'; "
      + "style-src 'self'; img-src 'self' data:; media-src 'self' blob:; connect-src 'self'; "
      + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
  private static final CharSequence NOSNIFF_NAME = HttpHeaders.createOptimized("X-Content-Type-Options");
  private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
  private static final CharSequence FRAME_NAME = HttpHeaders.createOptimized("X-Frame-Options");
  private static final CharSequence DENY = HttpHeaders.createOptimized("DENY");
  private static final CharSequence REFERRER_NAME = HttpHeaders.createOptimized("Referrer-Policy");
  private static final CharSequence SAME_ORIGIN = HttpHeaders.createOptimized("same-origin");
  private static final CharSequence HSTS_NAME = HttpHeaders.createOptimized("Strict-Transport-Security");
  private static final CharSequence HSTS = HttpHeaders.createOptimized("max-age=31536000");
  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

  private SecurityHeaders() {
  }

  static void apply(RoutingContext ctx) {
    write(ctx.response(), ClientAddress.secure(ctx), ctx.request().path().startsWith("/api/"));
    ctx.next();
  }

  /** The same headers for a request served ahead of the router (the short roads, all under /api). */
  static void applyAhead(HttpServerRequest request, Set<String> trustedProxies) {
    write(request.response(), ClientAddress.secure(request, trustedProxies), true);
  }

  private static void write(HttpServerResponse response, boolean secure, boolean api) {
    response.putHeader(CSP_NAME, CSP)
        .putHeader(NOSNIFF_NAME, NOSNIFF)
        .putHeader(FRAME_NAME, DENY)
        .putHeader(REFERRER_NAME, SAME_ORIGIN);
    if (secure) {
      response.putHeader(HSTS_NAME, HSTS);
    }
    if (api) {
      // Personal data: no copy in the browser's or a proxy's cache.
      response.putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
    }
  }
}
