package klip.db;

import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the embedded server's own pg_ctl. pg_ctl refuses to run as root; as zonky does for its own start and stop,
 * a root user runs it in a new user namespace ({@code unshare -U}), where it is not root.
 */
final class PgCtl {

  private PgCtl() {
  }

  /** Runs {@code pg_ctl args...}; true when it exited 0 within the time allowed. */
  static boolean run(Path binDir, List<String> args, Path log, long timeoutMs) throws IOException {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      command.addAll(List.of("unshare", "-U"));
    }
    command.add(binDir.resolve("pg_ctl").toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process process = builder.start();
    try {
      if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("Interrupted while running pg_ctl", e);
    }
  }
}
