package klip.sikp;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import klip.Addresses;
import klip.http.ApiError;

/**
 * The SIKP verticle as the HTTP APIs see it: every call is a request to its address, so the index, the
 * article metadata and the verticle's timers are only ever touched on the verticle's own context.
 */
public final class SikpBusClient implements SikpService {
  /**
   * Index writes wait behind a rebuild, which at tens of thousands of articles on a busy machine takes
   * minutes (as long as the writer pool allows a task).
   */
  static final DeliveryOptions INDEX_WRITE = new DeliveryOptions().setSendTimeout(TimeUnit.MINUTES.toMillis(15));

  private final EventBus bus;

  public SikpBusClient(EventBus bus) {
    this.bus = bus;
  }

  @Override
  public Future<JsonArray> suggest(String text, String app, int limit) {
    return ask(Addresses.SIKP_SUGGEST, new JsonObject().put("text", text).put("app", app).put("limit", limit),
        new DeliveryOptions());
  }

  @Override
  public Future<Void> changed(String id) {
    return ask(Addresses.SIKP_ARTICLE_CHANGED, new JsonObject().put("id", id), INDEX_WRITE).mapEmpty();
  }

  @Override
  public Future<Void> resync() {
    return ask(Addresses.SIKP_RESYNC, new JsonObject(), INDEX_WRITE).mapEmpty();
  }

  @Override
  public Future<JsonArray> knowledgeGaps(int days) {
    return ask(Addresses.SIKP_GAPS, new JsonObject().put("days", days), new DeliveryOptions());
  }

  /**
   * The verticle's refusals carry the HTTP status as their failure code; a verticle that is not (yet)
   * there or did not answer in time is a temporary 503, not a server error.
   */
  private <T> Future<T> ask(String address, JsonObject body, DeliveryOptions options) {
    return bus.<T>request(address, body, options).map(m -> m.body()).recover(err -> {
      if (err instanceof ReplyException re) {
        if (re.failureType() == ReplyFailure.RECIPIENT_FAILURE && re.failureCode() >= 400 && re.failureCode() < 600) {
          return Future.failedFuture(new ApiError(re.failureCode(), re.getMessage()));
        }
        if (re.failureType() != ReplyFailure.RECIPIENT_FAILURE) {
          return Future.failedFuture(new ApiError(503, "SIKP sedang disiapkan, coba lagi"));
        }
      }
      return Future.failedFuture(err);
    });
  }
}
