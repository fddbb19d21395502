package klip.escalation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * How an escalation reaches the Direktorat Teknologi Informasi Perpajakan. Pluggable: an outbound webhook in
 * production, the built-in demo inbox otherwise. The directorate's answer comes back through the desk.
 */
public interface DirectorateChannel {

  /** The name stored with the escalation ({@code webhook}, {@code demo}). */
  String name();

  /** Hands the escalation over; completes with the number of attempts it took, fails once it gives up. */
  Future<Integer> forward(JsonObject escalation);
}
