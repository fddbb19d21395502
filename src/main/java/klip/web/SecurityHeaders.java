package klip.web;

import klip.http.ClientAddress;
import io.vertx.ext.web.RoutingContext;

/** Headers every response carries: no inline script, no framing, no content sniffing. */
final class SecurityHeaders {

  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "media-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
      + "form-action 'self'";

  private SecurityHeaders() {
  }

  static void apply(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "same-origin");
    if (ClientAddress.secure(ctx)) {
      ctx.response().putHeader("Strict-Transport-Security", "max-age=31536000");
    }
    if (ctx.request().path().startsWith("/api/")) {
      // Personal data: no copy in the browser's or a proxy's cache.
      ctx.response().putHeader("Cache-Control", "no-store");
    }
    ctx.next();
  }
}
