package klip.pbx;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what MixMonitor would: 8 kHz mono 16-bit PCM WAV files. A bridged call gets a quiet two-tone
 * "conversation" of its talk duration; a caller never bridged gets the 44-byte header-only file.
 * Samples are built on a worker and written with Vert.x's async file system, so the event loop never blocks.
 */
public final class WavRecorder {
  public static final int SAMPLE_RATE = 8000;
  private static final Logger log = LoggerFactory.getLogger(WavRecorder.class);

  private final Vertx vertx;

  public WavRecorder(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<Void> write(String path, Duration talk) {
    String parent = Path.of(path).toAbsolutePath().getParent().toString();
    // Synthesising a long call's samples takes tens of milliseconds: not on the event loop.
    return vertx.executeBlocking(() -> Buffer.buffer(wav(talk)), false)
        .compose(data -> vertx.fileSystem().mkdirs(parent).compose(v -> vertx.fileSystem().writeFile(path, data)))
        .onFailure(e -> log.warn("Could not write recording {}", path, e));
  }

  /** A complete WAV image: RIFF header plus {@code duration} of 16-bit samples. */
  public static byte[] wav(Duration duration) {
    int samples = (int) (duration.toMillis() * SAMPLE_RATE / 1000);
    int dataLen = samples * 2;
    ByteBuffer b = ByteBuffer.allocate(44 + dataLen).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + dataLen).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt(dataLen);
    for (int i = 0; i < samples; i++) {
      // Alternate "speakers" every 1.5 s so the file sounds like a dialogue, not a test tone.
      double freq = (i / (SAMPLE_RATE * 3 / 2)) % 2 == 0 ? 440.0 : 330.0;
      b.putShort((short) (Math.sin(2 * Math.PI * freq * i / SAMPLE_RATE) * 6000));
    }
    return b.array();
  }
}
