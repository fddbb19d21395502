package klip.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a JVM's JIT compiler threads, read from Linux's /proc (the bench is Linux-only: taskset, Debian's
 * nginx). On two cores a C2 compilation takes a core from the server being measured for tens to hundreds of
 * milliseconds; a cell measured while a JVM is still compiling its hot path measures the compiler, not the
 * server. The figure is in clock ticks (10 ms), so it answers "was the JIT busy", not how busy to the millisecond.
 */
final class JitActivity {

  private static final long TICK_MS = 10;

  private final Path tasks;

  private JitActivity(long pid) {
    this.tasks = Path.of("/proc", Long.toString(pid), "task");
  }

  static JitActivity of(long pid) {
    return new JitActivity(pid);
  }

  static JitActivity self() {
    return new JitActivity(ProcessHandle.current().pid());
  }

  /**
   * Milliseconds of CPU the compiler threads have used so far (user + system), 0 where /proc cannot be read.
   * A compiler thread that ends takes its time with it; callers read differences and clamp them at zero.
   */
  long cpuMs() {
    long ticks = 0;
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
      for (Path thread : threads) {
        ticks += compilerTicks(thread);
      }
    } catch (IOException | RuntimeException unreadable) {
      return 0;
    }
    return ticks * TICK_MS;
  }

  private static long compilerTicks(Path thread) {
    try {
      String stat = Files.readString(thread.resolve("stat"));
      String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
        return 0;
      }
      // After the name: state is field 3 of stat, utime field 14 and stime field 15 (proc(5)).
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException gone) {
      // the thread ended between listing and reading
      return 0;
    }
  }
}
