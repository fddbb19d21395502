package klip.support.logs;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Sends the logs of everything running during a test class (the servers it starts, their worker threads) to
 * {@code target/test-logs/<Class>.log} instead of the console, and prints the part a failed test wrote (its
 * last {@value #TAIL_LINES} lines) under the failure. Registered for every test class through
 * {@code META-INF/services} (JUnit's extension autodetection), so no test has to name it.
 *
 * <p>Server threads carry no MDC, so the file is chosen by the class that is running now: surefire runs one
 * class at a time in its JVM, and a server's late shutdown lines land in the next class's file at worst.
 */
public final class TestLogs implements BeforeAllCallback, BeforeEachCallback, TestWatcher {

  static final Path DIR = Path.of("target", "test-logs");
  private static final int TAIL_LINES = 80;
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(TestLogs.class);

  private static volatile String current;

  /** The simple name of the test class running now, or null outside a JUnit run (a benchmark's main). */
  static String currentClass() {
    return current;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    String name = topLevel(context.getRequiredTestClass()).getSimpleName();
    if (!name.equals(current)) {
      Files.createDirectories(DIR);
      Files.deleteIfExists(file(name));
      current = name;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    Path log = file(current);
    context.getStore(NS).put("offset", Files.exists(log) ? Files.size(log) : 0L);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Long offset = context.getStore(NS).get("offset", Long.class);
    Path log = file(current);
    System.err.println();
    System.err.println("---- " + context.getRequiredTestClass().getSimpleName() + " > " + context.getDisplayName()
        + " failed; its log (" + log + "), last "
        + TAIL_LINES + " lines ----");
    try {
      tail(log, offset == null ? 0 : offset).forEach(System.err::println);
    } catch (IOException e) {
      System.err.println("(log not readable: " + e.getMessage() + ")");
    }
    System.err.println("---- end of log ----");
  }

  private static Deque<String> tail(Path log, long from) throws IOException {
    Deque<String> lines = new ArrayDeque<>();
    if (!Files.exists(log)) {
      return lines;
    }
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long length = file.length();
      byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE, Math.max(0, length - from))];
      file.seek(Math.min(from, length));
      file.readFully(bytes);
      for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
        lines.addLast(line);
        if (lines.size() > TAIL_LINES) {
          lines.removeFirst();
        }
      }
    }
    return lines;
  }

  static Path file(String testClass) {
    return DIR.resolve(testClass + ".log");
  }

  private static Class<?> topLevel(Class<?> c) {
    while (c.getEnclosingClass() != null) {
      c = c.getEnclosingClass();
    }
    return c;
  }
}
