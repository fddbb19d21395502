package klip.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import klip.config.AppConfig;
import klip.pbx.PbxConfig;
import klip.pbx.SimulatedPbx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The simulated PBX of a start without an Asterisk (the demo, the tests): its queue holds the roster's agents, and the
 * server's AMI connection is pointed at it.
 */
final class SimulatorStart {

  private static final Logger log = LoggerFactory.getLogger(SimulatorStart.class);

  private SimulatorStart() {
  }

  static Future<SimulatedPbx> start(Vertx vertx, AppConfig config) {
    List<PbxConfig.Member> members = config.roster().stream()
        .filter(r -> r.role().equals("agent") && r.phoneInterface() != null)
        .map(r -> new PbxConfig.Member(r.phoneInterface(), r.displayName()))
        .toList();
    PbxConfig pbxConfig = PbxConfig.defaults()
        .withPort(config.ami().simulatorPort())
        .withCredentials(config.ami().username(), config.ami().secret())
        .withRecordingsDir(config.recordingsDir())
        .withQueue("eapp", members)
        .withTimeScale(config.ami().simulatorTimeScale());
    SimulatedPbx pbx = new SimulatedPbx(vertx, pbxConfig);
    return pbx.start().map(port -> {
      log.info("Simulated PBX (AMI) listening on 127.0.0.1:{}", port);
      return pbx;
    });
  }

  /** The configuration with its AMI connection on the simulator's port; as it was without a simulator. */
  static AppConfig pointedAt(SimulatedPbx pbx, AppConfig config) {
    return pbx == null ? config : config.withAmi(new AppConfig.Ami("127.0.0.1", pbx.port(),
        config.ami().username(), config.ami().secret(), config.ami().reconnectMaxMs(), pbx.port(),
        config.ami().simulatorTimeScale()));
  }
}
