package klip.bench;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the CPU went during a phase: this JVM's threads grouped by kind, the PostgreSQL server's processes
 * (found through pg_stat_activity, so only this benchmark's cluster), and the whole machine (/proc/stat),
 * whose other users share the two cores. Linux only; elsewhere the PostgreSQL and machine parts read zero.
 */
final class CpuMeter {

  private static final long TICK_NANOS = 10_000_000L; // USER_HZ = 100 on Linux

  record Snapshot(long wallNanos, Map<String, Long> threads, long postgres, long transactions, long machineBusy,
                  long machineTotal) {
  }

  private final Pool pool;
  private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();

  CpuMeter(Pool pool) {
    this.pool = pool;
  }

  Snapshot snapshot() {
    Map<String, Long> threads = new HashMap<>();
    for (long id : mx.getAllThreadIds()) {
      ThreadInfo info = mx.getThreadInfo(id);
      long cpu = mx.getThreadCpuTime(id);
      if (info != null && cpu > 0) {
        threads.merge(kind(info.getThreadName()), cpu, Long::sum);
      }
    }
    long[] machine = machine();
    return new Snapshot(System.nanoTime(), threads, postgres(), transactions(), machine[0], machine[1]);
  }

  /** "JVM 1.2 s (asterisk-java reader 0.8, event loops 0.3, …), PostgreSQL 0.9 s; machine 95% busy". */
  static String between(Snapshot a, Snapshot b) {
    Map<String, Long> delta = new LinkedHashMap<>();
    b.threads().forEach((k, v) -> delta.put(k, v - a.threads().getOrDefault(k, 0L)));
    long jvm = delta.values().stream().mapToLong(Long::longValue).sum();
    String parts = delta.entrySet().stream().filter(e -> e.getValue() > 20_000_000L)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> e.getKey() + " " + seconds(e.getValue())).collect(Collectors.joining(", "));
    double wall = (b.wallNanos() - a.wallNanos()) / 1e9;
    long total = b.machineTotal() - a.machineTotal();
    String busy = total <= 0 ? "?" : String.format(Locale.ROOT, "%.0f%%",
        100.0 * (b.machineBusy() - a.machineBusy()) / total);
    return String.format(Locale.ROOT,
        "%.1f s wall: JVM %s CPU (%s); PostgreSQL %s CPU, %d transactions; both cores %s busy", wall, seconds(jvm),
        parts, seconds(b.postgres() - a.postgres()), b.transactions() - a.transactions(), busy);
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  private static String kind(String thread) {
    if (thread.contains("AsyncEventPump")) {
      return "asterisk-java event pump";
    }
    if (thread.startsWith("Asterisk-Java") && thread.contains("Reader")) {
      return "asterisk-java reader";
    }
    if (thread.startsWith("vert.x-eventloop")) {
      return "Vert.x event loops (server and harness)";
    }
    if (thread.startsWith("vert.x-worker") || thread.startsWith("vert.x-internal-blocking")) {
      return "Vert.x workers";
    }
    if (thread.startsWith("klip.bench") || thread.contains("PopLatencyBench")) {
      return "harness main";
    }
    if (thread.startsWith("C1 ") || thread.startsWith("C2 ") || thread.startsWith("G1 ") || thread.startsWith("GC ")
        || thread.startsWith("VM ")) {
      return "JIT/GC/VM";
    }
    return "other";
  }

  /** Committed transactions of this database (each autocommitted statement is one). */
  private long transactions() {
    try {
      return Await.result(pool.query("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")
          .execute().map(rows -> rows.iterator().next().getLong(0)), Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /** utime + stime of every process of this benchmark's PostgreSQL cluster. */
  private long postgres() {
    List<Integer> pids;
    try {
      pids = Await.result(pool.query("SELECT pid FROM pg_stat_activity").execute()
          .map(rows -> {
            java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
            for (Row r : rows) {
              out.add(r.getInteger(0));
            }
            return out;
          }), Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      return 0;
    }
    long ticks = 0;
    for (int pid : pids) {
      ticks += processTicks(pid);
    }
    return ticks * TICK_NANOS;
  }

  private static long processTicks(int pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** {busy, total} jiffies of all CPUs. */
  private static long[] machine() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new long[] {(total - idle) * TICK_NANOS, total * TICK_NANOS};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }
}
