package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the escalation as JSON to the directorate's webhook, retrying with exponential backoff on a network
 * error or a non-2xx answer. The escalation id is sent as {@code Idempotency-Key}: a retry after a lost
 * response must not open a second case on the other side.
 */
final class WebhookChannel implements DirectorateChannel {

  private static final Logger log = LoggerFactory.getLogger(WebhookChannel.class);
  private static final long MAX_BACKOFF_MS = 60_000;

  private final Vertx vertx;
  private final WebClient client;
  private final String url;
  private final int attempts;
  private final long backoffMs;

  WebhookChannel(Vertx vertx, String url, int attempts, long backoffMs) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000).setIdleTimeout(15));
    this.url = url;
    this.attempts = Math.max(1, attempts);
    this.backoffMs = backoffMs;
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public Future<Integer> forward(JsonObject escalation) {
    Promise<Integer> done = Promise.promise();
    attempt(escalation, 1, done);
    return done.future();
  }

  private void attempt(JsonObject escalation, int n, Promise<Integer> done) {
    String key = escalation.getString("escalationId");
    client.postAbs(url).putHeader("Idempotency-Key", key).timeout(15_000).sendJsonObject(escalation)
        .onComplete(ar -> {
          if (ar.succeeded() && ar.result().statusCode() / 100 == 2) {
            done.complete(n);
            return;
          }
          String why = ar.succeeded() ? "HTTP " + ar.result().statusCode() : ar.cause().getMessage();
          if (n >= attempts) {
            done.fail("Webhook Direktorat gagal setelah " + n + " percobaan (" + why + ")");
            return;
          }
          long delay = Math.min(MAX_BACKOFF_MS, backoffMs << (n - 1));
          log.warn("Escalation {}: webhook attempt {} failed ({}); retrying in {} ms", key, n, why, delay);
          vertx.setTimer(delay, t -> attempt(escalation, n + 1, done));
        });
  }
}
