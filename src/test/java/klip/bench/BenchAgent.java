package klip.bench;

import io.vertx.core.json.JsonObject;

/** An agent of the benchmark's floor: user name, the Local extension the queue rings, and its interface. */
record BenchAgent(String username, String displayName) {

  static BenchAgent number(int n) {
    return new BenchAgent("a" + (1000 + n), "Agen " + (1000 + n));
  }

  /** The extension the capture's {@code agent1} becomes: channels are {@code Local/<ext>@agents-...;1}. */
  String extension() {
    return username;
  }

  String phoneInterface() {
    return "Local/" + extension() + "@agents/n";
  }

  /** The roster entry for KLIP_ROSTER; no password, so start-up hashes nothing (see {@link BenchFloor}). */
  JsonObject rosterEntry() {
    return new JsonObject().put("username", username).put("displayName", displayName).put("role", "agent")
        .put("interface", phoneInterface()).put("team", "bench");
  }
}
