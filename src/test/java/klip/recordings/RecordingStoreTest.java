package klip.recordings;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordingStoreTest {

  private final Path root = Path.of("/srv/klip/recordings");
  private final RecordingStore store = new RecordingStore(root);

  @ParameterizedTest
  @ValueSource(strings = {"../../etc/passwd", "/etc/passwd", "2026/11/30/../../../../etc/shadow", "a\0b.wav",
      "..", ".", "", "screen/../../x", "2026/11/30/../../../../recordings-other/x.wav"})
  @DisplayName("Names that would leave the recordings directory never become paths")
  void traversalIsRejected(String name) {
    assertThatThrownBy(() -> store.resolve(name)).isInstanceOf(RecordingStore.PathRejected.class);
  }

  @Test
  @DisplayName("A stored relative name resolves under the root, normalised")
  void relativeNameResolves() {
    assertThat(store.resolve("2026/11/30/./1796001090.1.wav"))
        .isEqualTo(root.resolve("2026/11/30/1796001090.1.wav"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/var/spool/asterisk/monitor/../../../etc/passwd", "/etc/passwd",
      "/var/spool/asterisk/monitor/2026/11/30/../../../../etc/x.wav", "/var/spool/asterisk/monitor/2026/11/30/x;rm.wav"})
  @DisplayName("A file name announced by Asterisk is reduced to its dated tail or rejected")
  void asteriskNamesAreChecked(String announced) {
    assertThatThrownBy(() -> store.fromAsterisk(announced)).isInstanceOf(RecordingStore.PathRejected.class);
  }

  @Test
  @DisplayName("Asterisk's own mount point maps onto ours by the dated tail; our own root is taken as is")
  void asteriskNamesMap() {
    assertThat(store.fromAsterisk("/var/spool/asterisk/monitor/2026/11/30/1796001090.1.wav"))
        .isEqualTo("2026/11/30/1796001090.1.wav");
    assertThat(store.fromAsterisk("/srv/klip/recordings/2026/11/30/1796001090.2.wav"))
        .isEqualTo("2026/11/30/1796001090.2.wav");
    assertThat(store.fromAsterisk("/var/spool/asterisk/monitor/1796001090.1.wav")).isEqualTo("1796001090.1.wav");
    // Only the dated tail of a foreign path is kept, so whatever precedes it cannot lead out of the root.
    assertThat(store.fromAsterisk("/srv/klip/recordings/../secrets/2026/11/30/1.1.wav"))
        .isEqualTo("2026/11/30/1.1.wav");
    assertThat(store.derived("1796001090.2", 1_796_001_090_000L, ZoneOffset.UTC)).isEqualTo("2026/11/30/1796001090.2.wav");
    assertThatThrownBy(() -> store.derived("../1", 0, ZoneOffset.UTC)).isInstanceOf(RecordingStore.PathRejected.class);
  }
}
