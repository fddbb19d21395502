package klip.recordings;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteRangeTest {

  @Test
  @DisplayName("Closed, open-ended and suffix ranges; absent, multiple or malformed ones mean the whole file")
  void parses() {
    assertThat(ByteRange.parse("bytes=0-99", 1000)).isEqualTo(new ByteRange(0, 99, true));
    assertThat(ByteRange.parse("bytes=900-", 1000)).isEqualTo(new ByteRange(900, 999, true));
    assertThat(ByteRange.parse("bytes=-100", 1000)).isEqualTo(new ByteRange(900, 999, true));
    assertThat(ByteRange.parse("bytes=-5000", 1000)).isEqualTo(new ByteRange(0, 999, true));
    assertThat(ByteRange.parse("bytes=500-5000", 1000)).isEqualTo(new ByteRange(500, 999, true));
    assertThat(ByteRange.parse(null, 1000)).isEqualTo(new ByteRange(0, 999, false));
    assertThat(ByteRange.parse("bytes=0-1,5-6", 1000).partial()).isFalse();
    assertThat(ByteRange.parse("bytes=9-3", 1000).partial()).isFalse();
    assertThat(ByteRange.parse("items=0-3", 1000).partial()).isFalse();
  }

  @Test
  @DisplayName("A range starting at or past the end, or an empty suffix, is unsatisfiable")
  void pastTheEnd() {
    assertThatThrownBy(() -> ByteRange.parse("bytes=1000-", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThatThrownBy(() -> ByteRange.parse("bytes=5000-6000", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
    assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
  }
}
