package klip.pbx;

import static klip.pbx.PbxTestSupport.await;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh Vert.x and fast-mode PBX per test, recordings in a temporary directory. */
abstract class PbxTestBase {
  @TempDir Path recordings;
  Vertx vertx;
  SimulatedPbx pbx;

  @BeforeEach
  void startPbx() {
    vertx = Vertx.vertx();
    pbx = PbxTestSupport.startPbx(vertx, recordings);
  }

  @AfterEach
  void stopVertx() {
    await(vertx.close());
  }

  /** Waits until the client has read everything the PBX sent so far (a sentinel event goes last). */
  void drain(RawAmiClient client) {
    var sentinel = client.await(b -> b.startsWith("Event: TestSentinel"));
    await(pbx.sendRaw("Event: TestSentinel\r\n\r\n"));
    await(sentinel);
  }

  RawAmiClient rawClient() {
    return await(RawAmiClient.login(vertx, pbx.port(), PbxTestSupport.USER, PbxTestSupport.SECRET));
  }
}
