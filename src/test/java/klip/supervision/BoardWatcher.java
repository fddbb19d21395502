package klip.supervision;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import klip.Addresses;
import klip.support.BridgeClient;
import klip.support.HttpSession;
import klip.support.TestServer;

import java.util.Optional;
import java.util.function.Predicate;

/** A team leader's browser side of the board: the pushed boards, awaited until one satisfies a condition. */
final class BoardWatcher implements AutoCloseable {

  private final BridgeClient bridge;
  private JsonObject last;

  BoardWatcher(TestServer server, HttpSession teamLeader, String team) {
    this.bridge = BridgeClient.connect(server.vertx, teamLeader).register(Addresses.teamBoard(team));
  }

  /** The first pushed board (from now on) that satisfies {@code condition}; fails after the deadline. */
  JsonObject until(String what, Predicate<JsonObject> condition, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      long left = deadline - System.currentTimeMillis();
      JsonObject push = left <= 0 ? null : bridge.nextOfType("board", left);
      if (push == null) {
        throw new AssertionError("No board push with " + what + " within " + timeoutMs + " ms; last board: "
            + (last == null ? "none" : last.encodePrettily()));
      }
      last = push.getJsonObject("board");
      if (condition.test(last)) {
        return last;
      }
    }
  }

  static Optional<JsonObject> call(JsonObject board, String callId) {
    return board.getJsonArray("calls").stream().map(JsonObject.class::cast)
        .filter(c -> callId.equals(c.getString("callId"))).findFirst();
  }

  static Optional<JsonObject> agent(JsonObject board, String username) {
    return board.getJsonArray("agents").stream().map(JsonObject.class::cast)
        .filter(a -> username.equals(a.getString("username"))).findFirst();
  }

  static String stateOf(JsonObject board, String username) {
    return agent(board, username).map(a -> a.getString("state")).orElse(null);
  }

  static JsonArray waiting(JsonObject board) {
    return board.getJsonArray("waiting");
  }

  @Override
  public void close() {
    bridge.close();
  }
}
