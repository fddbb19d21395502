package klip.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** Removes a benchmark's temporary directories (a database and indexes of 50,000 articles are hundreds of MB). */
public final class TempTrees {

  private TempTrees() {
  }

  /** Deletes {@code dir} and everything under it; a missing directory is no error. */
  public static void delete(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
