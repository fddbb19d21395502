package klip.observability;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsTest {

  @Test
  @DisplayName("The project's own series keep their Prometheus names: counters, latency buckets in seconds, gauges")
  void ownSeriesKeepTheirNames() {
    Metrics metrics = new Metrics();
    metrics.counter("klip_tickets_opened_total", "Tickets opened by a ringing call").add(3);
    Metrics.Histogram latency = metrics.histogram("klip_pop_send_latency_seconds", "AMI event to pop pushed");
    latency.observeMillis(7);
    latency.observeMillis(400);
    metrics.gauge("klip_fact_backlog_tickets", "Call facts not yet applied", () -> 42);

    String text = metrics.render();

    assertThat(text).contains("# HELP klip_tickets_opened_total Tickets opened by a ringing call")
        .contains("klip_tickets_opened_total 3")
        .contains("klip_pop_send_latency_seconds_bucket{le=\"0.01\"} 1")
        .contains("klip_pop_send_latency_seconds_bucket{le=\"0.5\"} 2")
        .contains("klip_pop_send_latency_seconds_count 2")
        .contains("klip_fact_backlog_tickets 42");
    assertThat(latency.count()).isEqualTo(2);
    assertThat(metrics.counter("klip_tickets_opened_total", "Tickets opened by a ringing call").value()).isEqualTo(3);
  }

  @Test
  @DisplayName("A Vertx built by the node's metrics reports its HTTP server and event bus into the same registry, "
      + "and two nodes in one JVM keep separate registries")
  void vertxMetricsLandInTheNodesRegistry() throws Exception {
    Metrics first = new Metrics();
    Metrics second = new Metrics();
    Vertx vertx = first.newVertx();
    Vertx other = second.newVertx();
    try {
      var server = vertx.createHttpServer().requestHandler(req -> req.response().end("ok"))
          .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
      vertx.eventBus().consumer("metrics.test", m -> m.reply("pong"));
      vertx.eventBus().request("metrics.test", "ping").await(10, TimeUnit.SECONDS);
      var client = vertx.createHttpClient();
      client.request(HttpMethod.GET, server.actualPort(), "127.0.0.1", "/")
          .compose(req -> req.send().compose(resp -> resp.body()))
          .await(10, TimeUnit.SECONDS);
      client.close().await(10, TimeUnit.SECONDS);

      assertThat(first.render()).contains("vertx_http_server_requests_total").contains("vertx_eventbus_processed_total");
      assertThat(second.render()).doesNotContain("vertx_http_server_requests_total");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
      other.close().await(10, TimeUnit.SECONDS);
    }
  }
}
