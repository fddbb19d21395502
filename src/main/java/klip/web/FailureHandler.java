package klip.web;

import klip.http.ApiError;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps every failure to a status and a JSON message; only an unexpected error is a 500, and it is logged. */
final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    int status;
    String message;
    String code = null;
    if (DatabaseAway.explains(failure)) {
      // The database is restarting (or unreachable): the request can be repeated shortly, it is not a bug.
      status = 503;
      message = "Basis data sedang tidak tersedia, coba lagi sebentar lagi";
      log.warn("{} {}: database unavailable ({})", ctx.request().method(), ctx.request().path(), failure.toString());
    } else if (failure instanceof ApiError e) {
      status = e.status();
      message = e.getMessage();
      code = e.code();
    } else if (failure instanceof DecodeException || failure instanceof ClassCastException) {
      status = 400;
      message = "Badan permintaan bukan JSON yang valid";
    } else if (failure instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().startsWith("22")) {
      // SQLSTATE class 22 (data exception: bad encoding, out of range, too long) is a value the client sent.
      status = 400;
      message = "Nilai tidak valid";
      log.debug("{} {}: data exception {}", ctx.request().method(), ctx.request().path(), pg.getSqlState());
    } else if (failure instanceof HttpException e) {
      status = e.getStatusCode();
      message = e.getPayload() != null ? e.getPayload() : defaultMessage(status);
    } else if (failure == null) {
      status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      message = defaultMessage(status);
    } else {
      status = 500;
      message = "Terjadi kesalahan internal";
      log.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
    }
    if (ctx.response().ended()) {
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    JsonObject body = new JsonObject().put("error", message).put("status", status);
    if (code != null) {
      body.put("code", code);
    }
    if (status == 503) {
      ctx.response().putHeader("Retry-After", DatabaseAway.RETRY_AFTER_SECONDS);
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }

  private static String defaultMessage(int status) {
    return switch (status) {
      case 400 -> "Permintaan tidak valid";
      case 401 -> "Silakan masuk terlebih dahulu";
      case 403 -> "Akses ditolak";
      case 404 -> "Tidak ditemukan";
      case 405 -> "Metode tidak diizinkan";
      case 413 -> "Permintaan terlalu besar";
      case 415 -> "Jenis konten tidak didukung (unsupported media type)";
      case 503 -> "Layanan sedang tidak tersedia";
      default -> "Permintaan gagal (" + status + ")";
    };
  }
}
