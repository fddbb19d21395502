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

  /** CPU nanos and kind per live thread id; a thread that ends between two snapshots is left out of the delta. */
  record Snapshot(long wallNanos, Map<Long, Long> cpu, Map<Long, String> kinds, long postgres, long transactions,
                  long machineBusy, long machineTotal) {

    /** CPU per kind of thread between {@code a} and this snapshot. */
    Map<String, Long> threadsSince(Snapshot a) {
      Map<String, Long> out = new HashMap<>();
      cpu.forEach((id, nanos) -> out.merge(kinds.get(id), nanos - a.cpu.getOrDefault(id, 0L), Long::sum));
      return out;
    }
  }

  private final Pool pool;
  private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();

  CpuMeter(Pool pool) {
    this.pool = pool;
  }

  Snapshot snapshot() {
    Map<Long, Long> cpu = new HashMap<>();
    Map<Long, String> kinds = new HashMap<>();
    for (long id : mx.getAllThreadIds()) {
      ThreadInfo info = mx.getThreadInfo(id);
      long nanos = mx.getThreadCpuTime(id);
      if (info != null && nanos > 0) {
        cpu.put(id, nanos);
        kinds.put(id, BenchFloor.HARNESS_THREADS.contains(id) ? HARNESS : kind(info.getThreadName()));
      }
    }
    long[] machine = machine();
    return new Snapshot(System.nanoTime(), cpu, kinds, postgres(), transactions(), machine[0], machine[1]);
  }

  /** "JVM 1.2 s (asterisk-java reader 0.8, event loops 0.3, …), PostgreSQL 0.9 s; machine 95% busy". */
  static String between(Snapshot a, Snapshot b) {
    Map<String, Long> delta = b.threadsSince(a);
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

  static final String HARNESS = "harness event loops (PBX writes, bridge clients)";
  private static final String READER = "asterisk-java reader";
  private static final String PUMP = "asterisk-java event pump";
  private static final String VM = "JIT/GC/VM";

  /**
   * CPU seconds that reading the stream cost: asterisk-java's own threads only when {@code alone}; otherwise
   * every server thread plus PostgreSQL. The harness's threads and the JVM's own (JIT, GC) are left out of both.
   */
  static double workSeconds(Snapshot a, Snapshot b, boolean alone) {
    long nanos = 0;
    for (Map.Entry<String, Long> e : b.threadsSince(a).entrySet()) {
      String k = e.getKey();
      boolean counted = alone ? k.equals(READER) || k.equals(PUMP)
          : !k.equals(HARNESS) && !k.equals(VM) && !k.equals("harness main");
      if (counted) {
        nanos += e.getValue();
      }
    }
    if (!alone) {
      nanos += b.postgres() - a.postgres();
    }
    return nanos / 1e9;
  }

  private static String kind(String thread) {
    if (thread.contains("AsyncEventPump")) {
      return PUMP;
    }
    if (thread.startsWith("Asterisk-Java") && thread.contains("Reader")) {
      return READER;
    }
    if (thread.startsWith("vert.x-eventloop")) {
      return "server event loops";
    }
    if (thread.startsWith("vert.x-worker") || thread.startsWith("vert.x-internal-blocking")) {
      return "Vert.x workers";
    }
    if (thread.startsWith("klip.bench") || thread.contains("PopLatencyBench")) {
      return "harness main";
    }
    if (thread.startsWith("C1 ") || thread.startsWith("C2 ") || thread.startsWith("G1 ") || thread.startsWith("GC ")
        || thread.startsWith("VM ")) {
      return VM;
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
