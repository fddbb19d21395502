package klip.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Clears a data directory left behind by a server that was killed: a kill -9 of the JVM orphans the embedded
 * postmaster (still running, holding the directory on a port nobody knows), and a kill of both leaves a
 * postmaster.pid whose process may still be a zombie, or children still attached to the old shared memory.
 * PostgreSQL refuses to start in any of these states, so before every start the old server is asked to stop,
 * everything still working in the directory is awaited, and a pid file nobody owns any more is removed.
 * Blocking: runs before the server starts, or on the database supervisor's worker thread.
 */
final class StalePostmaster {

  private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
  private static final long STOP_WAIT_MS = 60_000;
  private static final long KILL_WAIT_MS = 15_000;
  private static final Path PROC = Path.of("/proc");

  private final Path dataDir;

  StalePostmaster(Path dataDir) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
  }

  /** Leaves the data directory with no process in it and no pid file, or throws saying what holds it. */
  void clear() {
    Optional<ProcessHandle> postmaster = postmaster();
    postmaster.ifPresent(this::stop);
    if (!awaitNoHolders(STOP_WAIT_MS)) {
      List<ProcessHandle> left = holders();
      log.warn("{} process(es) still working in {} after a stop: killing them", left.size(), dataDir);
      left.forEach(ProcessHandle::destroyForcibly);
      if (!awaitNoHolders(KILL_WAIT_MS)) {
        throw new IllegalStateException("PostgreSQL processes " + holders().stream().map(ProcessHandle::pid).toList()
            + " still hold " + dataDir + " and did not stop");
      }
    }
    try {
      if (Files.deleteIfExists(pidFile())) {
        log.info("Removed the stale postmaster.pid left in {}", dataDir);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot remove the stale " + pidFile() + ": " + e.getMessage(), e);
    }
  }

  /** The postmaster named by postmaster.pid, when that process is still alive (not a zombie). */
  Optional<ProcessHandle> postmaster() {
    return pidInFile().flatMap(ProcessHandle::of).filter(StalePostmaster::running);
  }

  private Optional<Long> pidInFile() {
    try {
      List<String> lines = Files.readAllLines(pidFile());
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private Path pidFile() {
    return dataDir.resolve("postmaster.pid");
  }

  /**
   * Fast shutdown with the old server's own pg_ctl (it rolls back what its dead clients left open and writes a
   * checkpoint); without it, SIGTERM, which PostgreSQL treats as a smart shutdown.
   */
  private void stop(ProcessHandle old) {
    log.warn("A PostgreSQL server (pid {}) left by an earlier run still holds {}: stopping it", old.pid(), dataDir);
    Optional<Path> pgCtl = old.info().command().map(Path::of).map(p -> p.resolveSibling("pg_ctl"))
        .filter(Files::isExecutable);
    if (pgCtl.isPresent()) {
      try {
        Process stop = new ProcessBuilder(pgCtl.get().toString(), "stop", "-D", dataDir.toString(), "-m", "fast",
            "-w", "-t", String.valueOf(STOP_WAIT_MS / 1000)).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (stop.waitFor(STOP_WAIT_MS + 5000, TimeUnit.MILLISECONDS) && stop.exitValue() == 0) {
          return;
        }
        stop.destroyForcibly();
      } catch (IOException e) {
        log.warn("pg_ctl stop failed ({}); signalling the postmaster directly", e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while stopping the old PostgreSQL server", e);
      }
    }
    old.destroy();
  }

  private boolean awaitNoHolders(long timeoutMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (!holders().isEmpty()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    return true;
  }

  /**
   * Every live process working in the data directory: a postmaster and each of its children chdir there, so
   * this also finds backends of a killed postmaster that are still attached to its shared memory. Without
   * /proc (not Linux), the postmaster named by the pid file.
   */
  List<ProcessHandle> holders() {
    if (!Files.isDirectory(PROC)) {
      return postmaster().stream().toList();
    }
    Path real;
    try {
      real = dataDir.toRealPath();
    } catch (IOException e) {
      return List.of();
    }
    long self = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != self && running(p) && real.equals(cwd(p.pid())))
        .toList();
  }

  private static Path cwd(long pid) {
    try {
      return Files.readSymbolicLink(PROC.resolve(Long.toString(pid)).resolve("cwd"));
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }

  /** Alive and not a zombie: a killed postmaster nobody has reaped yet still answers kill(pid, 0). */
  static boolean running(ProcessHandle p) {
    if (!p.isAlive()) {
      return false;
    }
    Path stat = PROC.resolve(Long.toString(p.pid())).resolve("stat");
    try {
      String text = Files.readString(stat);
      int end = text.lastIndexOf(')');
      char state = end >= 0 && end + 2 < text.length() ? text.charAt(end + 2) : 'R';
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      // Without /proc (not Linux) isAlive() is all there is; with it, the process has just gone.
      return !Files.isDirectory(PROC);
    }
  }
}
