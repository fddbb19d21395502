package klip.recordings;

/**
 * One byte range of a file, from an HTTP Range header (RFC 9110 §14). A header we do not serve as a range
 * (absent, another unit, several ranges, malformed) means the whole file; a range that starts past the end is
 * {@link Unsatisfiable} (416).
 */
public record ByteRange(long start, long end, boolean partial) {

  public long length() {
    return end - start + 1;
  }

  public static ByteRange parse(String header, long size) {
    ByteRange whole = new ByteRange(0, size - 1, false);
    if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
      return whole;
    }
    String spec = header.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return whole;
    }
    try {
      String first = spec.substring(0, dash).trim();
      String last = spec.substring(dash + 1).trim();
      if (first.isEmpty()) {
        long suffix = Long.parseLong(last);
        if (suffix <= 0 || size == 0) {
          throw new Unsatisfiable(size);
        }
        return new ByteRange(Math.max(0, size - suffix), size - 1, true);
      }
      long start = Long.parseLong(first);
      long end = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
      if (start < 0 || end < start) {
        return whole; // syntactically invalid: ignored, as the RFC asks
      }
      if (start >= size) {
        throw new Unsatisfiable(size);
      }
      return new ByteRange(start, Math.min(end, size - 1), true);
    } catch (NumberFormatException e) {
      return whole;
    }
  }

  /** The range starts at or after the end of the file: answered 416 with {@code Content-Range: bytes *}/size. */
  public static final class Unsatisfiable extends RuntimeException {
    private final long size;

    Unsatisfiable(long size) {
      super("range not satisfiable for " + size + " bytes", null, false, false);
      this.size = size;
    }

    public long size() {
      return size;
    }
  }
}
