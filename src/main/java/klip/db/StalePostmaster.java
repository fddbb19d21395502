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
 * postmaster.pid (and a socket lock file) whose process may still be a zombie, or children still attached to the
 * old shared memory.
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
    // A postmaster that died leaves its lock files; while nobody has reaped it, its pid still looks alive to the
    // next postmaster, which then refuses to start ("lock file ... already exists").
    socketLockFile().ifPresent(StalePostmaster::removeIfOwnerGone);
    removeIfOwnerGone(pidFile());
  }

  private static void removeIfOwnerGone(Path lockFile) {
    Optional<Long> owner = firstLineNumber(lockFile);
    if (owner.isPresent() && owner.flatMap(ProcessHandle::of).filter(StalePostmaster::running).isPresent()) {
      return;
    }
    try {
      if (Files.deleteIfExists(lockFile)) {
        log.info("Removed the stale lock file {}", lockFile);
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot remove the stale " + lockFile + ": " + e.getMessage(), e);
    }
  }

  /** The Unix-socket lock file named by postmaster.pid (line 4: port, line 5: socket directory). */
  private Optional<Path> socketLockFile() {
    try {
      List<String> lines = Files.readAllLines(pidFile());
      if (lines.size() < 5 || lines.get(4).isBlank()) {
        return Optional.empty();
      }
      return Optional.of(Path.of(lines.get(4).trim()).resolve(".s.PGSQL." + Integer.parseInt(lines.get(3).trim())
          + ".lock"));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The postmaster named by postmaster.pid, when that process is still alive (not a zombie). */
  Optional<ProcessHandle> postmaster() {
    return firstLineNumber(pidFile()).flatMap(ProcessHandle::of).filter(StalePostmaster::running);
  }

  private static Optional<Long> firstLineNumber(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
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
   * checkpoint); failing that, SIGTERM, which PostgreSQL treats as a smart shutdown.
   */
  private void stop(ProcessHandle old) {
    log.warn("A PostgreSQL server (pid {}) left by an earlier run still holds {}: stopping it", old.pid(), dataDir);
    Optional<Path> binDir = old.info().command().map(Path::of).map(Path::getParent);
    if (binDir.isPresent()) {
      try {
        if (PgCtl.run(binDir.get(), List.of("stop", "-D", dataDir.toString(), "-m", "fast", "-w", "-t",
            String.valueOf(STOP_WAIT_MS / 1000)), null, STOP_WAIT_MS + 5000)) {
          return;
        }
      } catch (IOException e) {
        log.warn("pg_ctl stop failed ({}); signalling the postmaster directly", e.getMessage());
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
