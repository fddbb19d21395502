package klip.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What a production start (not demo) refuses: anything that only makes sense on a newcomer's laptop. Each refusal
 * is one line saying what to set instead. Demo mode is only ever on when asked for ({@code KLIP_DEMO=true}).
 */
public final class ProductionSafety {

  /** The AMI secret the simulated PBX and the demo use; on a real PBX it would be a published password. */
  static final String DEMO_AMI_SECRET = "klip-demo-secret";

  private ProductionSafety() {
  }

  /** Empty when the configuration may run in production (or is a demo, where none of this applies). */
  public static List<String> refusals(AppConfig config) {
    List<String> refusals = new ArrayList<>();
    if (config.demo()) {
      return refusals;
    }
    Settings s = config.settings();
    String admin = s.string("KLIP_ADMIN_PASSWORD", "");
    if (!admin.isEmpty() && isDemoPassword(admin)) {
      refusals.add("KLIP_ADMIN_PASSWORD is a published demo password (klip-<user>): choose another one, or run the "
          + "demo with KLIP_DEMO=true");
    }
    if (s.string("KLIP_DIRECTORATE_CHANNEL", "demo").equalsIgnoreCase("demo")) {
      refusals.add("KLIP_DIRECTORATE_CHANNEL=demo keeps escalations in the built-in demo inbox, they would never "
          + "reach the Direktorat TIP: set KLIP_DIRECTORATE_CHANNEL=webhook and KLIP_DIRECTORATE_WEBHOOK_URL");
    }
    if (DEMO_AMI_SECRET.equals(config.ami().secret())) {
      refusals.add("KLIP_AMI_SECRET is the published demo secret: set the secret of the AMI user in Asterisk's "
          + "manager.conf (KLIP_AMI_SECRET or KLIP_AMI_SECRET_FILE)");
    }
    return refusals;
  }

  private static boolean isDemoPassword(String password) {
    return Defaults.DemoRoster.agents().stream()
        .anyMatch(u -> password.equals("klip-" + ((io.vertx.core.json.JsonObject) u).getString("username")));
  }
}
