package klip.recordings;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * The recordings directory: the only place that turns a name into a file-system path. Every name, whether it
 * came from Asterisk (MIXMONITOR_FILENAME), from the database or from a request, is resolved against the root,
 * normalised, and rejected when the result is outside the root. Names stored in the database are relative.
 */
public final class RecordingStore {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd");
  /** Asterisk Uniqueids look like 1796001090.1; nothing else becomes part of a derived name. */
  private static final Pattern UNIQUE_ID = Pattern.compile("[0-9]{1,20}\\.[0-9]{1,10}");
  /** A dated recording as the dialplan names it: yyyy/MM/dd/<uniqueid>.wav. */
  private static final Pattern DATED_TAIL = Pattern.compile("[0-9]{4}/[0-9]{2}/[0-9]{2}/[0-9]{1,20}\\.[0-9]{1,10}\\.wav");
  /** The flat layout of Asterisk's stock monitor directory (as in the captures): <uniqueid>.wav. */
  private static final Pattern FLAT_TAIL = Pattern.compile("[0-9]{1,20}\\.[0-9]{1,10}\\.wav");

  private final Path root;

  public RecordingStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The absolute path of a stored relative name; refuses anything that leaves the root. */
  public Path resolve(String relative) {
    if (relative == null || relative.isEmpty() || relative.indexOf('\0') >= 0) {
      throw new PathRejected("empty or NUL in name");
    }
    Path candidate;
    try {
      candidate = root.resolve(relative).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw new PathRejected("invalid name: " + e.getMessage());
    }
    if (Path.of(relative).isAbsolute() || !candidate.startsWith(root) || candidate.equals(root)) {
      throw new PathRejected("outside the recordings directory: " + relative);
    }
    return candidate;
  }

  /** The relative name of a path under the root (after normalising), or a rejection. */
  public String relativise(Path absolute) {
    Path normal = absolute.toAbsolutePath().normalize();
    if (!normal.startsWith(root) || normal.equals(root)) {
      throw new PathRejected("outside the recordings directory: " + absolute);
    }
    return root.relativize(normal).toString().replace('\\', '/');
  }

  /**
   * Where the file Asterisk named is on our side. Asterisk's recordings directory may be mounted elsewhere
   * here, so only the dated tail {@code yyyy/MM/dd/<uniqueid>.wav} of a foreign path is trusted; a path under
   * our own root is taken as it is (after the same checks).
   */
  public String fromAsterisk(String asteriskPath) {
    if (asteriskPath == null || asteriskPath.isBlank()) {
      throw new PathRejected("no file name");
    }
    Path p = Path.of(asteriskPath);
    Path normal = p.toAbsolutePath().normalize();
    if (p.isAbsolute() && normal.startsWith(root)) {
      return relativise(normal);
    }
    String unix = asteriskPath.replace('\\', '/');
    int cut = unix.length();
    for (int i = 0; i < 4 && cut > 0; i++) {
      cut = unix.lastIndexOf('/', cut - 1);
    }
    String tail = cut < 0 ? unix : unix.substring(cut + 1);
    if (!DATED_TAIL.matcher(tail).matches()) {
      tail = unix.substring(unix.lastIndexOf('/') + 1);
      if (!FLAT_TAIL.matcher(tail).matches()) {
        throw new PathRejected("not a recording name the dialplan gives: " + asteriskPath);
      }
    }
    resolve(tail);
    return tail;
  }

  /** The name the dialplan gives a leg's recording: yyyy/MM/dd/${UNIQUEID}.wav on the day it started. */
  public String derived(String uniqueId, long startedAtMillis, ZoneId zone) {
    if (uniqueId == null || !UNIQUE_ID.matcher(uniqueId).matches()) {
      throw new PathRejected("not an Asterisk Uniqueid: " + uniqueId);
    }
    String day = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(startedAtMillis), zone).format(DAY);
    return day + "/" + uniqueId + ".wav";
  }

  /** A name for a screen-capture chunk; ids are numbers, so nothing from the client reaches the name. */
  public String captureChunk(long captureId, int seq, LocalDate day) {
    return "screen/" + day.format(DAY) + "/" + captureId + "/" + String.format("%06d", seq) + ".json";
  }

  public String ticketSnapshot(long captureId, LocalDate day, long stamp) {
    return "screen/" + day.format(DAY) + "/" + captureId + "/snapshot-" + stamp + ".json";
  }

  /** A name that must not reach the file system. */
  public static final class PathRejected extends RuntimeException {
    public PathRejected(String why) {
      super("File name rejected: " + why);
    }
  }
}
