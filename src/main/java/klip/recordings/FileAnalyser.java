package klip.recordings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads a stored file once: its SHA-256 and size and, for a WAV, its header and waveform peaks for the QA
 * player. Blocking by nature: only ever called on the recordings worker pool, never on an event loop.
 */
public final class FileAnalyser {

  /** Peaks per recording: enough for a full-width waveform, small enough to keep in the row. */
  public static final int PEAKS = 1000;
  private static final int HEAD = 4096;

  private FileAnalyser() {
  }

  /** What was read; {@code wav} and {@code peaks} are null for files that are not WAV. */
  public record Analysis(long size, String sha256, WavInfo wav, int[] peaks) {
  }

  public static Analysis analyse(Path file, boolean expectWav) throws IOException {
    long size = Files.size(file);
    MessageDigest sha = sha256();
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes((int) Math.min(HEAD, size));
      sha.update(head);
      WavInfo wav = expectWav ? WavInfo.parse(head, size) : null;
      PeakBuilder peaks = wav != null && wav.formatTag() == 1 && wav.bitsPerSample() == 16
          ? new PeakBuilder(wav) : null;
      long pos = 0;
      if (peaks != null) {
        peaks.accept(head, 0, head.length, 0);
      }
      pos = head.length;
      int n;
      while ((n = in.read(buf)) > 0) {
        sha.update(buf, 0, n);
        if (peaks != null) {
          peaks.accept(buf, 0, n, pos);
        }
        pos += n;
      }
      return new Analysis(size, HexFormat.of().formatHex(sha.digest()), wav, peaks == null ? null : peaks.result());
    }
  }

  public static String sha256Of(Path file) throws IOException {
    return analyse(file, false).sha256();
  }

  public static String sha256Of(byte[] data) {
    return HexFormat.of().formatHex(sha256().digest(data));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Maximum absolute 16-bit sample per bucket, scaled to 0..255, over the data chunk only. */
  private static final class PeakBuilder {
    private final long start;
    private final long end;
    private final long frames;
    private final int frameBytes;
    private final int[] peaks;
    private int pendingLow = -1;

    PeakBuilder(WavInfo wav) {
      this.start = wav.dataOffset();
      this.end = wav.dataOffset() + wav.dataLength();
      this.frameBytes = 2 * wav.channels();
      this.frames = Math.max(1, wav.dataLength() / frameBytes);
      this.peaks = new int[(int) Math.min(PEAKS, frames)];
    }

    /** {@code at} is the file offset of {@code data[from]}; samples may straddle two reads. */
    void accept(byte[] data, int from, int len, long at) {
      for (int i = from; i < from + len; i++) {
        long offset = at + (i - from);
        if (offset < start || offset >= end) {
          continue;
        }
        long rel = offset - start;
        if ((rel & 1) == 0) {
          pendingLow = data[i] & 0xff;
          continue;
        }
        if (pendingLow < 0) {
          continue;
        }
        int sample = (short) ((data[i] << 8) | pendingLow);
        pendingLow = -1;
        int bucket = (int) ((rel / frameBytes) * peaks.length / frames);
        int level = Math.min(255, Math.abs(sample) >> 7);
        if (bucket < peaks.length && level > peaks[bucket]) {
          peaks[bucket] = level;
        }
      }
    }

    int[] result() {
      return peaks;
    }
  }
}
