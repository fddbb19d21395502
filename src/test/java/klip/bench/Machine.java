package klip.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on: the machine is shared, so its load goes next to every figure. */
final class Machine {

  private Machine() {
  }

  /** The 1-minute load average (as uptime shows it), or "?" where /proc is not there. */
  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  static String describe() {
    String cpu = "?";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    } catch (IOException | RuntimeException ignored) {
      // not Linux: the processor count below still says what mattered
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "?";
    }
    return Runtime.getRuntime().availableProcessors() + " cores available (" + cpu + "), host " + host
        + ", Java " + System.getProperty("java.version") + ", max heap "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
  }
}
