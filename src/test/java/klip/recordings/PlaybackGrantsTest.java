package klip.recordings;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The grant rules on their own, with a clock the test moves: expiry is reached by moving it, not by waiting. */
class PlaybackGrantsTest {

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final List<FileChannel> closed = new ArrayList<>();
  private final PlaybackGrants grants = new PlaybackGrants(now::get, 60_000, 600_000, this::close, 2);

  private void close(FileChannel file) {
    closed.add(file);
    try {
      file.close();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private PlaybackGrants.Grant issue() {
    return grants.issue(7, "qa1", "session-a", "/recordings/2026/12/05/1.wav", 1000, 42, null);
  }

  @Test
  @DisplayName("A grant works for its user, session and recording only")
  void boundToUserSessionAndRecording() {
    PlaybackGrants.Grant g = issue();
    assertThat(grants.use(g.token(), 7, "qa1", "session-a")).isSameAs(g);
    assertThat(grants.use(g.token(), 8, "qa1", "session-a")).isNull();
    assertThat(grants.use(g.token(), 7, "qa2", "session-a")).isNull();
    assertThat(grants.use(g.token(), 7, "qa1", "session-b")).isNull();
    assertThat(grants.use("not-a-grant", 7, "qa1", "session-a")).isNull();
    assertThat(grants.use(null, 7, "qa1", "session-a")).isNull();
    assertThat(grants.use(g.token(), 7, "qa1", "session-a").playbackId()).isEqualTo(42);
  }

  @Test
  @DisplayName("A grant ends after the idle time without a request; each request keeps it alive")
  void idleExpiry() {
    PlaybackGrants.Grant g = issue();
    now.addAndGet(59_999);
    assertThat(grants.use(g.token(), 7, "qa1", "session-a")).isNotNull();
    now.addAndGet(59_999);
    assertThat(grants.use(g.token(), 7, "qa1", "session-a")).isNotNull();
    now.addAndGet(60_000);
    assertThat(grants.use(g.token(), 7, "qa1", "session-a")).isNull();
    assertThat(grants.size()).isZero();
  }

  @Test
  @DisplayName("A grant in constant use still ends at its maximum age")
  void maximumAge() {
    PlaybackGrants.Grant g = issue();
    for (int i = 0; i < 19; i++) {
      now.addAndGet(30_000);
      assertThat(grants.use(g.token(), 7, "qa1", "session-a")).isNotNull();
    }
    now.addAndGet(30_000);
    assertThat(grants.use(g.token(), 7, "qa1", "session-a")).isNull();
  }

  @Test
  @DisplayName("Revoking a recording ends its grants; issuing forgets expired ones")
  void revokeAndSweep() {
    PlaybackGrants.Grant g = issue();
    grants.revoke(7);
    assertThat(grants.use(g.token(), 7, "qa1", "session-a")).isNull();
    issue();
    now.addAndGet(60_000);
    issue();
    assertThat(grants.size()).isEqualTo(1);
  }

  @Test
  @DisplayName("A grant's open file closes once the grant has ended and its last answer is sent, not before")
  void fileClosesAfterLastAnswer() throws IOException {
    Path wav = Files.createTempFile("grant", ".wav");
    try {
      Files.write(wav, new byte[1000]);
      FileChannel file = FileChannel.open(wav, StandardOpenOption.READ);
      PlaybackGrants.Grant g = grants.issue(7, "qa1", "session-a", wav.toString(), 1000, 42, file);
      assertThat(g.acquire()).isSameAs(file);
      assertThat(g.acquire()).isSameAs(file);
      g.release();

      grants.revoke(7);
      assertThat(g.acquire()).as("an ended grant hands out no file").isNull();
      assertThat(file.isOpen()).as("an answer is still being sent from it").isTrue();
      assertThat(g.fileClosed()).isFalse();
      g.release();
      assertThat(closed).containsExactly(file);
      assertThat(file.isOpen()).isFalse();

      // An idle grant swept before any answer closes its file at once, and only once.
      FileChannel second = FileChannel.open(wav, StandardOpenOption.READ);
      PlaybackGrants.Grant idle = grants.issue(8, "qa1", "session-a", wav.toString(), 1000, 43, second);
      now.addAndGet(60_000);
      grants.sweep();
      grants.sweep();
      assertThat(idle.fileClosed()).isTrue();
      assertThat(closed).containsExactly(file, second);
      assertThat(grants.size()).isZero();
    } finally {
      Files.delete(wav);
    }
  }

  @Test
  @DisplayName("Grants hold at most so many files open: one issued beyond that holds none (its file closed at once) "
      + "until an ended grant's file has closed")
  void openFilesAreBounded() throws IOException {
    Path wav = Files.createTempFile("grant", ".wav");
    try {
      Files.write(wav, new byte[1000]);
      PlaybackGrants.Grant first = grants.issue(7, "qa1", "session-a", wav.toString(), 1000, 1, open(wav));
      PlaybackGrants.Grant second = grants.issue(7, "qa1", "session-a", wav.toString(), 1000, 2, open(wav));
      FileChannel beyond = open(wav);
      PlaybackGrants.Grant third = grants.issue(7, "qa1", "session-a", wav.toString(), 1000, 3, beyond);
      assertThat(first.holdsFile()).isTrue();
      assertThat(second.holdsFile()).isTrue();
      assertThat(third.holdsFile()).isFalse();
      assertThat(third.acquire()).isNull();
      assertThat(closed).containsExactly(beyond);
      assertThat(grants.use(third.token(), 7, "qa1", "session-a")).as("still a valid grant").isSameAs(third);

      now.addAndGet(60_000);
      grants.sweep();
      assertThat(first.fileClosed()).isTrue();
      assertThat(second.fileClosed()).isTrue();
      PlaybackGrants.Grant fourth = grants.issue(7, "qa1", "session-a", wav.toString(), 1000, 4, open(wav));
      assertThat(fourth.holdsFile()).isTrue();
      grants.revoke(7);
      assertThat(fourth.fileClosed()).isTrue();
    } finally {
      Files.delete(wav);
    }
  }

  private static FileChannel open(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.READ);
  }
}
