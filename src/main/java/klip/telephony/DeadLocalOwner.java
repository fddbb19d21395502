package klip.telephony;

import java.lang.management.ManagementFactory;

/**
 * Recognises a lease owner that was a process on this machine and is gone (a node killed with -9 and started again):
 * its lease need not run out before the new process takes over. Node names are {@code pid@host/random}
 * ({@link AmiStatus#node()}); a node on another host, or a process that is still running, is never judged dead.
 */
final class DeadLocalOwner {

  private static final String THIS_PROCESS = ManagementFactory.getRuntimeMXBean().getName();

  private DeadLocalOwner() {
  }

  static boolean isDead(String owner) {
    if (owner == null) {
      return false;
    }
    int at = owner.indexOf('@');
    int slash = owner.lastIndexOf('/');
    if (at <= 0 || slash < at) {
      return false;
    }
    String host = owner.substring(at + 1, slash);
    if (!host.equals(hostOf(THIS_PROCESS))) {
      return false;
    }
    long pid;
    try {
      pid = Long.parseLong(owner.substring(0, at));
    } catch (NumberFormatException notOurs) {
      return false;
    }
    return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
  }

  private static String hostOf(String processName) {
    int at = processName.indexOf('@');
    return at < 0 ? "" : processName.substring(at + 1);
  }
}
