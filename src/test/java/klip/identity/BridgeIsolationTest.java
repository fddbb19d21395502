package klip.identity;

import klip.access.Principal;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import klip.Addresses;
import klip.pbx.CallScenario;
import klip.support.BridgeClient;
import klip.support.Eventually;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The event-bus bridge gives each browser only its own pushes: a second agent's browser gets nothing of the first
 * agent's pop whatever it registers or sends, anonymous sockets are refused, and a signed-out session stops
 * receiving at once.
 */
class BridgeIsolationTest {

  private static TestServer ts;

  @BeforeAll
  static void start() {
    ts = TestServer.start();
  }

  @AfterAll
  static void stop() {
    ts.close();
  }

  /** Every address agent2 must not get: other people's, wildcard-like, look-alikes and server-side ones. */
  static Set<String> hostileAddresses(Principal agent2) throws Exception {
    String mine = Addresses.agentPops("agent1");
    Set<String> out = new LinkedHashSet<>(List.of(mine, mine + " ", " " + mine, mine.toUpperCase(), mine + ".",
        mine + ".x", mine + "\u0000", "browser.agent.agent\uFF11.pops", "browser.agent.*", "browser.agent.*.pops",
        "browser.agent.agent1.*", "browser.>", "browser.#", "browser.*", "browser.", "browser", ".*", "*", "#", ">",
        "browser.agent.agent1", "browser.agent.agent2.pops/../agent1.pops", "browser.agent.agent2.pops.agent1",
        "browser.agent..pops", "browser.agent.+.pops", "browser.agent.agent[12].pops", ""));
    for (Field f : Addresses.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        out.add((String) f.get(null));
      }
    }
    for (Method m : Addresses.class.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) && m.getReturnType() == String.class
          && m.getParameterCount() == 1 && m.getParameterTypes()[0] == String.class) {
        for (String who : List.of("agent1", "tl1", "tim-a", "qa1", "admin", "eskalasi1", "*", ">")) {
          out.add((String) m.invoke(null, who));
        }
      }
    }
    out.removeIf(a -> BridgePolicy.mayReceive(agent2, a));
    return out;
  }

  @Test
  @DisplayName("agent2's browser registering agent1's address, wildcards or other prefixes gets no pop of agent1's")
  void secondAgentGetsNothing() throws Exception {
    HttpSession agent1 = ts.login("agent1");
    HttpSession agent2 = ts.login("agent2");
    Principal p2 = Principal.fromJson(agent2.get("/api/me").bodyAsJsonObject());
    Set<String> hostile = hostileAddresses(p2);
    assertThat(hostile).contains(Addresses.agentPops("agent1")).hasSizeGreaterThan(30);
    try (BridgeClient own = BridgeClient.connect(ts.vertx, agent1).register(Addresses.agentPops("agent1"));
         BridgeClient thief = BridgeClient.connect(ts.vertx, agent2)) {
      for (String address : hostile) {
        thief.register(address);
      }
      // A browser must not publish onto the bus either, least of all a fake pop into agent1's screen.
      thief.sendFrame("send", Addresses.agentPops("agent1"), new JsonObject().put("type", "pop").put("fake", true));
      thief.sendFrame("publish", Addresses.agentPops("agent1"), new JsonObject().put("type", "pop").put("fake", true));
      thief.sendFrame("publish", Addresses.AUDIT_RECORD, new JsonObject().put("action", "forged"));
      int expectedRefusals = hostile.size() + 3;
      // Polled: the refusals arrive as frames on the socket, counted as they come.
      Eventually.until("a refusal for each hostile frame", 30_000, () -> thief.errors().size(),
          n -> n >= expectedRefusals);

      ts.pbx().play(CallScenario.answered("+6281234567890", "Wajib Pajak Rahasia", "Local/agent1@agents/n",
          "Agent One")).await(30, TimeUnit.SECONDS);
      JsonObject pop = own.nextOfType("pop", 30_000);
      assertThat(pop).as("agent1 gets the pop").isNotNull();
      assertThat(pop.containsKey("fake")).isFalse();
      // Every forged frame was refused (counted above) before the call, so nothing forged can follow the pop.
      assertThat(own.takeReceived()).as("no forged pop").noneMatch(m -> m.containsKey("fake"));
      assertThat(thief.takeReceived()).as("agent2 receives nothing at all").isEmpty();
    }
    assertThat(ts.login("admin").get("/api/audit?action=forged").bodyAsJsonArray()).isEmpty();
  }

  @Test
  @DisplayName("Sockets without a session, or with a made-up one, are closed")
  void anonymousSocketsAreRefused() {
    assertClosedByServer(null);
    assertClosedByServer("klip.session=0123456789abcdef0123456789abcdef");
  }

  private static void assertClosedByServer(String cookie) {
    BridgeClient client;
    try {
      client = BridgeClient.connect(ts.vertx, ts.port(), cookie);
    } catch (IllegalStateException e) {
      // Closed by the bridge before the client could even attach its handlers.
      assertThat(e).hasMessageContaining("closed");
      return;
    }
    client.awaitClosed(30_000);
  }

  @Test
  @DisplayName("After sign-out the open socket receives no further pop and is closed")
  void signedOutSocketStops() throws Exception {
    HttpSession agent1 = ts.login("agent1");
    try (BridgeClient bridge = BridgeClient.connect(ts.vertx, agent1).register(Addresses.agentPops("agent1"))) {
      assertThat(agent1.post("/api/logout", null).statusCode()).isEqualTo(200);
      ts.pbx().play(CallScenario.answered("+6281200000001", "Setelah Keluar", "Local/agent1@agents/n", "Agent One"))
          .await(30, TimeUnit.SECONDS);
      // The pop is checked against the session as it goes out: refused, and the socket closed.
      bridge.awaitClosed(30_000);
      assertThat(bridge.takeReceived()).isEmpty();
    }
  }
}
