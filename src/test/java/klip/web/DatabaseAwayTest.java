package klip.web;

import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures mean "PostgreSQL is not there right now" (a 503 with Retry-After) rather than a server error. */
class DatabaseAwayTest {

  @Test
  @DisplayName("A connection reset (PostgreSQL killed mid-statement) or a closed connection, however wrapped, is the "
      + "database away; another socket error or a plain failure is not")
  void recognisedFailures() {
    assertThat(DatabaseAway.explains(new SocketException("Connection reset"))).isTrue();
    assertThat(DatabaseAway.explains(new RuntimeException("write failed", new SocketException("Connection reset"))))
        .isTrue();
    // As Netty's native transport reports it (Errors.NativeIoException is an IOException with this message).
    assertThat(DatabaseAway.explains(new RuntimeException(new IOException(
        "recvAddress(..) failed with error(-104): Connection reset by peer")))).isTrue();
    assertThat(DatabaseAway.explains(ClosedConnectionException.INSTANCE)).isTrue();
    assertThat(DatabaseAway.explains(new SocketException("Too many open files"))).isFalse();
    assertThat(DatabaseAway.explains(new IOException("No space left on device"))).isFalse();
    assertThat(DatabaseAway.explains(new IllegalStateException("bug"))).isFalse();
  }
}
