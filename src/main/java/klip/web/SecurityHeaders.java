package klip.web;

import io.vertx.ext.web.RoutingContext;

/** Headers every response carries: no inline script, no framing, no content sniffing. */
final class SecurityHeaders {

  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "media-src 'self' blob:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; "
      + "form-action 'self'";

  private SecurityHeaders() {
  }

  static void apply(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "same-origin");
    ctx.next();
  }
}
