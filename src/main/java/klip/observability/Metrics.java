package klip.observability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small, lock-free metrics registry rendered in the Prometheus text format at /metrics. Counters and
 * millisecond histograms are enough for this server; each capability names its own series.
 */
public final class Metrics {

  private static final double[] BUCKETS_MS = {1, 2, 5, 10, 20, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000};

  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
  private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

  public Counter counter(String name, String help) {
    return counters.computeIfAbsent(name, n -> new Counter(help));
  }

  public Histogram histogram(String name, String help) {
    return histograms.computeIfAbsent(name, n -> new Histogram(help));
  }

  public void gauge(String name, String help, java.util.function.LongSupplier value) {
    gauges.put(name, new Gauge(help, value));
  }

  public String render() {
    StringBuilder out = new StringBuilder(4096);
    counters.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      header(out, e.getKey(), e.getValue().help, "counter");
      out.append(e.getKey()).append(' ').append(e.getValue().value()).append('\n');
    });
    gauges.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      header(out, e.getKey(), e.getValue().help, "gauge");
      out.append(e.getKey()).append(' ').append(e.getValue().value.getAsLong()).append('\n');
    });
    histograms.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> e.getValue().render(out, e.getKey()));
    return out.toString();
  }

  private static void header(StringBuilder out, String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  public static final class Counter {
    private final String help;
    private final LongAdder adder = new LongAdder();

    private Counter(String help) {
      this.help = help;
    }

    public void inc() {
      adder.increment();
    }

    public void add(long n) {
      adder.add(n);
    }

    public long value() {
      return adder.sum();
    }
  }

  private record Gauge(String help, java.util.function.LongSupplier value) {
  }

  public static final class Histogram {
    private final String help;
    private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS_MS.length);
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong sumMicros = new AtomicLong();

    private Histogram(String help) {
      this.help = help;
    }

    public void observeMillis(double ms) {
      for (int i = 0; i < BUCKETS_MS.length; i++) {
        if (ms <= BUCKETS_MS[i]) {
          buckets.incrementAndGet(i);
          break;
        }
      }
      count.incrementAndGet();
      sumMicros.addAndGet((long) (ms * 1000));
    }

    public long count() {
      return count.get();
    }

    private void render(StringBuilder out, String name) {
      header(out, name, help, "histogram");
      long cumulative = 0;
      for (int i = 0; i < BUCKETS_MS.length; i++) {
        cumulative += buckets.get(i);
        out.append(name).append("_bucket{le=\"").append(BUCKETS_MS[i] / 1000.0).append("\"} ").append(cumulative)
            .append('\n');
      }
      out.append(name).append("_bucket{le=\"+Inf\"} ").append(count.get()).append('\n');
      out.append(name).append("_sum ").append(sumMicros.get() / 1_000_000.0).append('\n');
      out.append(name).append("_count ").append(count.get()).append('\n');
    }
  }
}
