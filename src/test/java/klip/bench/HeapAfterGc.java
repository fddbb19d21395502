package klip.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node JVM's heap as an operator reads it: {@code jcmd <pid> GC.run} (a full collection), then
 * {@code jcmd <pid> GC.heap_info}; the G1 heap's used and committed size after that collection.
 */
record HeapAfterGc(long usedKib, long committedKib) {

  private static final Pattern G1 = Pattern.compile("garbage-first heap\\s+total (\\d+)K, used (\\d+)K");

  static HeapAfterGc of(long pid) throws IOException, InterruptedException {
    jcmd(pid, "GC.run");
    String info = jcmd(pid, "GC.heap_info");
    Matcher m = G1.matcher(info);
    if (!m.find()) {
      throw new IllegalStateException("No G1 heap line in jcmd " + pid + " GC.heap_info: " + info);
    }
    return new HeapAfterGc(Long.parseLong(m.group(2)), Long.parseLong(m.group(1)));
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
    }
    return out;
  }

  String usedMib() {
    return String.format(java.util.Locale.ROOT, "%.1f", usedKib / 1024.0);
  }

  String committedMib() {
    return String.format(java.util.Locale.ROOT, "%.1f", committedKib / 1024.0);
  }
}
