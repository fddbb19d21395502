package klip.bench;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One cell of the latency table: calls at a fixed rate to the connected agents, the first seconds thrown away
 * (JIT, pools, caches), the rest measured from AgentCalled written to the socket to the pop received by the
 * agent's bridge client.
 */
final class LatencyCell {

  record Result(int rate, int clients, int measured, int missing, double p50Ms, double p99Ms, double maxMs,
                double drivenSeconds, String load, String cpu) {
  }

  private LatencyCell() {
  }

  static Result run(PopFloor floor, CallFactory factory, int rate, int warmupSeconds, int measureSeconds) {
    int clients = floor.connectedAgents().size();
    int warmCalls = rate * warmupSeconds;
    List<CallTemplates.Call> calls = factory.calls(rate * (warmupSeconds + measureSeconds), floor.connectedAgents());
    Map<String, Long> stamps = new ConcurrentHashMap<>();
    Map<String, Long> latencies = new ConcurrentHashMap<>();
    floor.onPop((body, at) -> {
      String callId = body.getJsonObject("ticket", new JsonObject()).getString("callId");
      Long stamp = callId == null ? null : stamps.get(callId);
      if (stamp != null) {
        latencies.putIfAbsent(callId, at - stamp);
      }
    });
    String loadBefore = Machine.load();
    CpuMeter cpu = new CpuMeter(floor.pool());
    CpuMeter.Snapshot start = cpu.snapshot();
    long t = System.nanoTime();
    OpenLoopDriver driver = new OpenLoopDriver(floor.vertx(), floor.pbxContext(), floor.pbx());
    Await.result(driver.play(calls, rate, OpenLoopDriver.Timing.compressed(), stamps),
        Duration.ofSeconds(warmupSeconds + measureSeconds + 60));
    double driven = (System.nanoTime() - t) / 1e9;
    String used = CpuMeter.between(start, cpu.snapshot());
    List<String> measured = calls.subList(warmCalls, calls.size()).stream().map(CallTemplates.Call::linkedId)
        .toList();
    Await.until(floor.vertx(), Duration.ofSeconds(15), () -> measured.stream().allMatch(latencies::containsKey));
    awaitCallsEnded(floor);
    List<Long> values = new ArrayList<>();
    measured.forEach(id -> {
      Long v = latencies.get(id);
      if (v != null) {
        values.add(v);
      }
    });
    values.sort(null);
    floor.onPop((body, at) -> { });
    return new Result(rate, clients, values.size(), measured.size() - values.size(), percentile(values, 0.50),
        percentile(values, 0.99), values.isEmpty() ? Double.NaN : values.get(values.size() - 1) / 1e6, driven,
        loadBefore + " → " + Machine.load(), used);
  }

  /** The next cell starts on a quiet server: every ticket of this one has seen its call end. */
  static void awaitCallsEnded(PopFloor floor) {
    Await.untilAsync(floor.vertx(), Duration.ofSeconds(60), 50, () -> floor.pool()
        .query("SELECT count(*) FROM tickets WHERE ended_at IS NULL").execute()
        .map(rows -> rows.iterator().next().getLong(0) == 0)
        .recover(err -> Future.succeededFuture(false)));
  }

  /** Nearest-rank percentile, in milliseconds. */
  static double percentile(List<Long> sortedNanos, double p) {
    if (sortedNanos.isEmpty()) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p * sortedNanos.size());
    return sortedNanos.get(Math.max(0, rank - 1)) / 1e6;
  }
}
