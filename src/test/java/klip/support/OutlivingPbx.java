package klip.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import klip.pbx.PbxConfig;
import klip.pbx.SimulatedPbx;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/**
 * A simulated PBX on its own Vert.x that outlives the servers of a test, as Asterisk outlives a restart of ours:
 * start servers against it with {@link #amiSettings()}.
 */
public final class OutlivingPbx implements AutoCloseable {

  public final SimulatedPbx pbx;
  private final Vertx vertx;
  private final int port;

  private OutlivingPbx(Vertx vertx, SimulatedPbx pbx, int port) {
    this.vertx = vertx;
    this.pbx = pbx;
    this.port = port;
  }

  public static OutlivingPbx start() throws Exception {
    Vertx vertx = Vertx.vertx();
    SimulatedPbx pbx = new SimulatedPbx(vertx, PbxConfig.defaults().withCredentials("klip", "s3cret")
        .withRecordingsDir(Files.createTempDirectory("klip-outliving-pbx")).withTimeScale(0.01));
    return new OutlivingPbx(vertx, pbx, pbx.start().await(10, TimeUnit.SECONDS));
  }

  /** The KLIP_AMI_* settings of a server talking to this PBX. */
  public JsonObject amiSettings() {
    return new JsonObject().put("KLIP_AMI_HOST", "127.0.0.1").put("KLIP_AMI_PORT", port)
        .put("KLIP_AMI_USERNAME", "klip").put("KLIP_AMI_SECRET", "s3cret");
  }

  @Override
  public void close() throws Exception {
    pbx.stop().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
