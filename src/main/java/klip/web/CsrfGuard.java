package klip.web;

import klip.http.ApiError;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.net.URI;
import java.util.Set;

/**
 * Cross-site request forgery protection for cookie-authenticated writes. A write must carry the custom header
 * {@code X-Requested-With} (which a cross-site form cannot send, and a cross-site fetch cannot send without a
 * CORS preflight this server never approves), and, when the browser names an Origin, it must be this host.
 * SameSite=Strict on the session cookie is the first line; this is the second. Also refuses a NUL byte anywhere
 * in the URI, which no legitimate request has and PostgreSQL would reject.
 */
final class CsrfGuard {

  static final String HEADER = "X-Requested-With";
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

  private CsrfGuard() {
  }

  static void check(RoutingContext ctx) {
    if (hasNulByte(ctx.request().uri())) {
      // PostgreSQL text cannot hold NUL, and no legitimate id, name or query contains one.
      ctx.fail(ApiError.badRequest("Karakter NUL tidak diizinkan"));
      return;
    }
    if (SAFE.contains(ctx.request().method())) {
      ctx.next();
      return;
    }
    String marker = ctx.request().getHeader(HEADER);
    if (marker == null || marker.isBlank()) {
      ctx.fail(ApiError.forbidden("Permintaan ditolak: header " + HEADER + " wajib untuk perubahan"));
      return;
    }
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && !sameHost(origin, ctx.request().authority() == null ? null
        : ctx.request().authority().toString())) {
      ctx.fail(ApiError.forbidden("Permintaan lintas situs ditolak (cross-origin write refused)"));
      return;
    }
    ctx.next();
  }

  private static boolean hasNulByte(String uri) {
    return uri != null && (uri.contains("%00") || uri.indexOf('\u0000') >= 0);
  }

  private static boolean sameHost(String origin, String host) {
    if (host == null) {
      return false;
    }
    try {
      URI uri = URI.create(origin.trim());
      String authority = uri.getRawAuthority();
      return authority != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
