package klip.pbx;

import static klip.pbx.PbxTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The answered call's MixMonitor file is a real 8 kHz mono 16-bit WAV of the talk duration. */
class RecordingTest extends PbxTestBase {

  @Test
  void answeredCallWritesAPlayableWavNamedAfterTheQueuedLeg() throws Exception {
    CallScenario sc = CallScenario.builder("0215250208", "PT Sinar Jaya Abadi")
        .ring("Local/agent2@agents/n", "Agent Two", CallScenario.Outcome.ANSWER)
        .talkDuration(Duration.ofSeconds(2)).build();
    await(pbx.play(sc));
    Path wav;
    try (Stream<Path> files = Files.walk(recordings)) {
      wav = files.filter(p -> p.toString().endsWith(".wav")).findFirst().orElseThrow();
    }
    assertThat(wav.getFileName().toString()).matches("\\d+\\.\\d+\\.wav");
    assertThat(recordings.relativize(wav).toString()).matches("\\d{4}/\\d{2}/\\d{2}/.*");
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(new String(b.array(), 0, 4)).isEqualTo("RIFF");
    assertThat(new String(b.array(), 8, 4)).isEqualTo("WAVE");
    assertThat(b.getShort(20)).isEqualTo((short) 1);
    assertThat(b.getShort(22)).isEqualTo((short) 1);
    assertThat(b.getInt(24)).isEqualTo(8000);
    assertThat(b.getShort(34)).isEqualTo((short) 16);
    assertThat(b.getInt(40)).isEqualTo(2 * 8000 * 2);
    assertThat(b.capacity()).isEqualTo(44 + 2 * 8000 * 2);
  }

  @Test
  void capturedRecordingsHaveTheSameHeaderLayout() throws Exception {
    byte[] ours = WavRecorder.wav(Duration.ZERO);
    try (var in = getClass().getResourceAsStream("/ami/recordings/1796001143.15.wav")) {
      assertThat(ours).isEqualTo(in.readAllBytes());
    }
  }
}
