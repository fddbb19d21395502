package klip.recordings;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The facts of a RIFF/WAVE header that matter here: PCM layout, where the samples are and how long they last.
 * Walks the chunk list (MixMonitor writes fmt then data, other writers put LIST chunks in between).
 */
public record WavInfo(int formatTag, int channels, int sampleRate, int bitsPerSample, long dataOffset,
                      long dataLength) {

  /** The canonical PCM header MixMonitor writes: a file of exactly this size holds no audio. */
  public static final int HEADER_BYTES = 44;

  public long durationMs() {
    long bytesPerSecond = (long) sampleRate * channels * bitsPerSample / 8;
    return bytesPerSecond == 0 ? 0 : dataLength * 1000 / bytesPerSecond;
  }

  public String format() {
    String codec = formatTag == 1 ? "pcm_s" + bitsPerSample + "le" : "fmt" + formatTag;
    return "wav/" + codec + "/" + sampleRate + "/" + channels;
  }

  /**
   * Parses the header at the start of a file; {@code fileSize} bounds the data chunk (a recording still being
   * written, or truncated, declares more than it has).
   */
  public static WavInfo parse(byte[] head, long fileSize) {
    ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    if (head.length < 12 || !tag(b, 0).equals("RIFF") || !tag(b, 8).equals("WAVE")) {
      throw new IllegalArgumentException("not a RIFF/WAVE file");
    }
    int pos = 12;
    Integer fmt = null;
    int channels = 0;
    int rate = 0;
    int bits = 0;
    while (pos + 8 <= head.length) {
      String id = tag(b, pos);
      long size = Integer.toUnsignedLong(b.getInt(pos + 4));
      int body = pos + 8;
      if (id.equals("fmt ")) {
        if (body + 16 > head.length) {
          throw new IllegalArgumentException("fmt chunk truncated");
        }
        fmt = Short.toUnsignedInt(b.getShort(body));
        channels = Short.toUnsignedInt(b.getShort(body + 2));
        rate = b.getInt(body + 4);
        bits = Short.toUnsignedInt(b.getShort(body + 14));
      } else if (id.equals("data")) {
        if (fmt == null) {
          throw new IllegalArgumentException("data chunk before fmt chunk");
        }
        if (channels == 0 || rate <= 0 || bits == 0) {
          throw new IllegalArgumentException("fmt chunk has zero channels, rate or sample size");
        }
        long available = Math.max(0, fileSize - body);
        return new WavInfo(fmt, channels, rate, bits, body, Math.min(size, available));
      }
      pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
    }
    throw new IllegalArgumentException("no data chunk in the first " + head.length + " bytes");
  }

  private static String tag(ByteBuffer b, int at) {
    byte[] four = new byte[4];
    b.get(at, four);
    return new String(four, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
