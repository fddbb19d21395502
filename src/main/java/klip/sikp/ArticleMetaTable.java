package klip.sikp;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.Instant;
import java.util.Arrays;

/**
 * Every published article's {@link ArticleMeta} as a re-sync read it, held in a dozen arrays rather than objects
 * per article. The table lives as long as the server but is made when it starts, seconds before the agents' load:
 * as a map of records (about seven objects per article, 10–12 MB at 50,000 articles) it was copied from one
 * survivor space to the other at every young collection until it aged out, a large share of each pause. An array
 * of primitives is copied as one block, and the larger ones are allocated in the old generation directly (G1's
 * humongous objects). Immutable once built, so any thread may read it.
 */
final class ArticleMetaTable {
  static final ArticleMetaTable EMPTY = new Builder(0).build();

  /** In {@link #publishedSeconds}: no publication time. No {@link Instant} has this many seconds. */
  private static final long NONE = Long.MIN_VALUE;

  /** The ids one after the other; row r's is {@code idChars[idEnds[r - 1] .. idEnds[r])}. */
  private final char[] idChars;
  private final int[] idEnds;
  /** Open addressing by the id's hash: row + 1, 0 for a free slot; at most half full. */
  private final int[] slots;
  private final long[] numbers;
  private final int[] versions;
  private final long[] publishedSeconds;
  private final int[] publishedNanos;
  private final boolean[] reviewed;
  private final long[] updatedMicros;

  private ArticleMetaTable(Builder b) {
    int n = b.rows;
    idChars = Arrays.copyOf(b.idChars, n == 0 ? 0 : b.idEnds[n - 1]);
    idEnds = Arrays.copyOf(b.idEnds, n);
    slots = b.slots;
    numbers = Arrays.copyOf(b.numbers, n);
    versions = Arrays.copyOf(b.versions, n);
    publishedSeconds = Arrays.copyOf(b.publishedSeconds, n);
    publishedNanos = Arrays.copyOf(b.publishedNanos, n);
    reviewed = Arrays.copyOf(b.reviewed, n);
    updatedMicros = Arrays.copyOf(b.updatedMicros, n);
  }

  /** The published articles' rows, by id (a later row of the same id replaces the earlier). On a worker thread. */
  static ArticleMetaTable of(RowSet<Row> rows) {
    Builder b = new Builder(rows.size());
    rows.forEach(r -> b.put(r.getString("id"), ArticleMeta.of(r)));
    return b.build();
  }

  /** The article's metadata (a new record each time), or null if the table has none. */
  ArticleMeta get(String id) {
    int row = find(slots, idChars, idEnds, id);
    if (row < 0) {
      return null;
    }
    Instant published = publishedSeconds[row] == NONE ? null
        : Instant.ofEpochSecond(publishedSeconds[row], publishedNanos[row]);
    return new ArticleMeta(numbers[row], versions[row], published, reviewed[row], updatedMicros[row]);
  }

  /** The row of {@code id}, or -1. */
  private static int find(int[] slots, char[] idChars, int[] idEnds, String id) {
    int mask = slots.length - 1;
    for (int s = spread(id.hashCode()) & mask; slots[s] != 0; s = (s + 1) & mask) {
      int row = slots[s] - 1;
      int start = row == 0 ? 0 : idEnds[row - 1];
      if (idEnds[row] - start == id.length() && sameChars(idChars, start, id)) {
        return row;
      }
    }
    return -1;
  }

  private static boolean sameChars(char[] chars, int start, String id) {
    for (int i = 0; i < id.length(); i++) {
      if (chars[start + i] != id.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Ids that differ in their last characters differ in the hash's low bits too. */
  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /** Rows in read order, grown by doubling; the hash slots sized for {@code expected} rows and grown the same way. */
  static final class Builder {
    private int rows;
    private char[] idChars;
    private int[] idEnds;
    private int[] slots;
    private long[] numbers;
    private int[] versions;
    private long[] publishedSeconds;
    private int[] publishedNanos;
    private boolean[] reviewed;
    private long[] updatedMicros;

    Builder(int expected) {
      int capacity = Math.max(expected, 1);
      idChars = new char[capacity * 16];
      idEnds = new int[capacity];
      slots = new int[slotsFor(capacity)];
      numbers = new long[capacity];
      versions = new int[capacity];
      publishedSeconds = new long[capacity];
      publishedNanos = new int[capacity];
      reviewed = new boolean[capacity];
      updatedMicros = new long[capacity];
    }

    /** A power of two at least twice {@code rows}: probes stay short. */
    private static int slotsFor(int rows) {
      return Integer.highestOneBit(Math.max(rows, 1) * 2 - 1) << 1;
    }

    void put(String id, ArticleMeta m) {
      int row = find(slots, idChars, idEnds, id);
      if (row < 0) {
        row = append(id);
      }
      numbers[row] = m.number();
      versions[row] = m.version();
      publishedSeconds[row] = m.publishedAt() == null ? NONE : m.publishedAt().getEpochSecond();
      publishedNanos[row] = m.publishedAt() == null ? 0 : m.publishedAt().getNano();
      reviewed[row] = m.reviewed();
      updatedMicros[row] = m.updatedMicros();
    }

    private int append(String id) {
      if (rows == idEnds.length) {
        grow(rows * 2);
      }
      int start = rows == 0 ? 0 : idEnds[rows - 1];
      if (start + id.length() > idChars.length) {
        idChars = Arrays.copyOf(idChars, Math.max(idChars.length * 2, start + id.length()));
      }
      id.getChars(0, id.length(), idChars, start);
      idEnds[rows] = start + id.length();
      if (rows * 2 >= slots.length) {
        slots = new int[slots.length * 2];
        for (int r = 0; r < rows; r++) {
          slot(r, rowId(r));
        }
      }
      slot(rows, id);
      return rows++;
    }

    private String rowId(int row) {
      int start = row == 0 ? 0 : idEnds[row - 1];
      return new String(idChars, start, idEnds[row] - start);
    }

    private void slot(int row, String id) {
      int mask = slots.length - 1;
      int s = spread(id.hashCode()) & mask;
      while (slots[s] != 0) {
        s = (s + 1) & mask;
      }
      slots[s] = row + 1;
    }

    private void grow(int capacity) {
      idEnds = Arrays.copyOf(idEnds, capacity);
      numbers = Arrays.copyOf(numbers, capacity);
      versions = Arrays.copyOf(versions, capacity);
      publishedSeconds = Arrays.copyOf(publishedSeconds, capacity);
      publishedNanos = Arrays.copyOf(publishedNanos, capacity);
      reviewed = Arrays.copyOf(reviewed, capacity);
      updatedMicros = Arrays.copyOf(updatedMicros, capacity);
    }

    ArticleMetaTable build() {
      return new ArticleMetaTable(this);
    }
  }
}
