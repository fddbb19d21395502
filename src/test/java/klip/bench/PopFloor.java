package klip.bench;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import klip.pbx.SimulatedPbx;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * What a latency cell plays calls against: the harness's Vert.x and the simulated PBX on its context, the agents
 * whose browsers are connected (wherever their server runs), and the database the server writes tickets to.
 */
interface PopFloor {

  Vertx vertx();

  Context pbxContext();

  SimulatedPbx pbx();

  Pool pool();

  List<BenchAgent> connectedAgents();

  /** Where pops go: (pop body, System.nanoTime() at arrival on the client's event loop). */
  void onPop(BiConsumer<JsonObject, Long> sink);
}
