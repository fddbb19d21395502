package klip.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * This node's metrics: one Micrometer Prometheus registry, rendered at /metrics. Vert.x itself feeds it (event bus,
 * HTTP server and client, SQL pool, JVM memory and threads) when the node's Vertx is built by {@link #newVertx}; each capability adds its own
 * series through the small counter / latency / gauge vocabulary below, so the series names stay in the capability that
 * counts and the exposition format stays Micrometer's.
 */
public final class Metrics {

  private static final Duration[] LATENCY_BUCKETS = Arrays.stream(
          new long[] {1, 2, 5, 10, 20, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000})
      .mapToObj(Duration::ofMillis).toArray(Duration[]::new);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  /**
   * A Vertx whose built-in metrics land in this registry. The registry name is unique because vertx-micrometer keeps
   * its backends in a JVM-wide map by name: two nodes in one JVM (tests) must not share one.
   */
  public Vertx newVertx(VertxOptions options) {
    return builder(options).build();
  }

  private VertxBuilder builder(VertxOptions options) {
    MicrometerMetricsOptions metricsOptions = new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setRegistryName("klip-" + UUID.randomUUID());
    return Vertx.builder()
        .with(new VertxOptions(options).setMetricsOptions(metricsOptions))
        .withMetrics(new MicrometerMetricsFactory(registry));
  }

  /** As {@link #newVertx(VertxOptions)}, a member of the cluster {@code manager} joins. */
  public Future<Vertx> newClusteredVertx(VertxOptions options, ClusterManager manager) {
    return builder(options).withClusterManager(manager).buildClustered();
  }

  /**
   * The node's Vertx on Linux's native epoll transport when its library is on the class path (Vert.x falls back to
   * the JDK's NIO otherwise): fewer system calls and no selected-key garbage per read, which is what keeps a
   * playback seek's tail close to a C file server's.
   */
  public Vertx newVertx() {
    return newVertx(new VertxOptions().setPreferNativeTransport(true));
  }

  /** A counter; Prometheus shows it as {@code name} (a name without {@code _total} gets it). */
  public Counter counter(String name, String help) {
    return new Counter(io.micrometer.core.instrument.Counter.builder(name).description(help).register(registry));
  }

  /** A latency in fixed millisecond buckets; the name ends with {@code _seconds}, as Prometheus shows it. */
  public Histogram histogram(String name, String help) {
    return new Histogram(Timer.builder(name.endsWith("_seconds") ? name.substring(0, name.length() - 8) : name)
        .description(help)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry));
  }

  public void gauge(String name, String help, LongSupplier value) {
    Gauge.builder(name, value, v -> v.getAsLong()).description(help).strongReference(true).register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every series. */
  public String render() {
    return registry.scrape();
  }

  public static final class Counter {
    private final io.micrometer.core.instrument.Counter counter;

    private Counter(io.micrometer.core.instrument.Counter counter) {
      this.counter = counter;
    }

    public void inc() {
      counter.increment();
    }

    public void add(long n) {
      counter.increment(n);
    }

    public long value() {
      return (long) counter.count();
    }
  }

  public static final class Histogram {
    private final Timer timer;

    private Histogram(Timer timer) {
      this.timer = timer;
    }

    public void observeMillis(double ms) {
      timer.record((long) (ms * 1_000_000), TimeUnit.NANOSECONDS);
    }

    public long count() {
      return timer.count();
    }
  }
}
