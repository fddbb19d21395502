package klip.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import klip.Addresses;
import klip.access.AccessPolicy;
import klip.pbx.CallScenario;
import klip.support.BridgeClient;
import klip.support.HttpSession;
import klip.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 10,000+ malformed and hostile requests across every route of the access table, as every role and anonymously:
 * broken JSON, bodies over the limit, deep nesting, traversal, script, SQL fragments, Lucene syntax, hostile
 * headers. No 5xx; API answers are JSON (never HTML a browser would run); nothing stored is lost; the audit chain
 * still verifies and the server still serves its users.
 */
class FuzzTest {

  private static final int REQUESTS = 10_500;
  private static final int IN_FLIGHT = 24;
  private static final String[] USERS = {"agent1", "agent2", "tl1", "eskalasi1", "qa1", "editor1", "admin"};

  @Test
  @DisplayName("10,500 hostile requests across all routes: no 5xx, no HTML, nothing lost, chain intact")
  void fuzz() throws Exception {
    // Trusting 127.0.0.1 as a proxy lets the fuzzer speak from made-up addresses (and lock only those out).
    try (TestServer ts = TestServer.start(new JsonObject().put("KLIP_TRUSTED_PROXIES", "127.0.0.1"))) {
      HttpSession keeper = ts.login("agent1");
      HttpSession admin = ts.login("admin");
      long ticketId;
      try (BridgeClient bridge = BridgeClient.connect(ts.vertx, keeper).register(Addresses.agentPops("agent1"))) {
        ts.pbx().play(CallScenario.answered("+6285711223344", "Siti Rahayu", "Local/agent1@agents/n", "Agent One"))
            .await(30, TimeUnit.SECONDS);
        ticketId = bridge.nextOfType("pop", 30_000).getJsonObject("ticket").getLong("id");
      }
      JsonObject ticketBefore = keeper.get("/api/tickets/" + ticketId).bodyAsJsonObject();
      Map<String, Long> countsBefore = counts(ts);

      List<String> fuzzCookies = new ArrayList<>();
      fuzzCookies.add(null);
      for (String u : USERS) {
        fuzzCookies.add(ts.login(u).cookie());
      }
      List<String> routes = new ArrayList<>(AccessPolicy.table().keySet());
      WebClient client = WebClient.create(ts.vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(ts.port()).setKeepAlive(true));
      Random random = new Random(20260707L);
      List<String> failures = new CopyOnWriteArrayList<>();
      Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
      for (int sent = 0; sent < REQUESTS; sent += IN_FLIGHT) {
        List<Future<?>> wave = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
          String route = routes.get((sent + i) % routes.size());
          // Signing out is fuzzed anonymously only: the signed-in fuzzers should stay signed in to reach handlers.
          String cookie = route.equals("POST /api/logout") ? null
              : fuzzCookies.get(random.nextInt(fuzzCookies.size()));
          wave.add(send(client, route, cookie, ticketId, random, failures, statuses));
        }
        Future.join(wave).await(60, TimeUnit.SECONDS);
      }
      assertThat(failures).as("5xx or HTML answers").isEmpty();
      assertThat(statuses.keySet()).allMatch(s -> s < 500);
      assertThat(ts.login("qa1").get("/api/me").statusCode()).as("the server still serves").isEqualTo(200);
      assertThat(ts.vertx.createHttpClient().request(HttpMethod.GET, ts.port(), "127.0.0.1", "/health")
          .compose(r -> r.send()).await(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      Map<String, Long> countsAfter = counts(ts);
      countsBefore.forEach((table, n) -> assertThat(countsAfter.get(table)).as(table).isGreaterThanOrEqualTo(n));
      JsonObject ticketAfter = keeper.get("/api/tickets/" + ticketId).bodyAsJsonObject();
      assertThat(ticketAfter.getString("callerNumber")).isEqualTo(ticketBefore.getString("callerNumber"));
      assertThat(ticketAfter.getString("agent")).isEqualTo("agent1");
      JsonObject chain = admin.get("/api/audit/verify").bodyAsJsonObject();
      assertThat(chain.getBoolean("ok")).as(chain.encode()).isTrue();
      assertThat(admin.get("/api/admin/users").bodyAsString()).doesNotContain("<script").doesNotContain("<img");
      assertThat(admin.get("/api/admin/teams").bodyAsString()).doesNotContain("<script");
    }
  }

  private static Future<?> send(WebClient client, String route, String cookie, long ticketId, Random random,
                                List<String> failures, Map<Integer, AtomicInteger> statuses) {
    String[] parts = route.split(" ", 2);
    HttpMethod method = HttpMethod.valueOf(parts[0]);
    String path = parts[1].replaceAll(":[A-Za-z]+", random.nextInt(4) == 0 ? String.valueOf(ticketId)
        : HostileInputs.PATH_VALUES.get(random.nextInt(HostileInputs.PATH_VALUES.size())));
    if (random.nextInt(3) == 0) {
      path += HostileInputs.query(random);
    }
    HttpRequest<Buffer> request = client.request(method, path);
    if (cookie != null) {
      request.putHeader("Cookie", cookie);
    }
    if (random.nextInt(10) != 0) {
      request.putHeader("X-Requested-With", "klip");
    }
    request.putHeader("X-Forwarded-For", "10.66." + random.nextInt(4) + "." + random.nextInt(4));
    switch (random.nextInt(8)) {
      case 0 -> request.putHeader("Content-Type", "text/html");
      case 1 -> request.putHeader("Range", random.nextBoolean() ? "bytes=999999999-" : "bytes=abc-def,-0");
      case 2 -> request.putHeader("Origin", "https://evil.example");
      default -> request.putHeader("Content-Type", "application/json");
    }
    String descr = method + " " + path;
    Future<HttpResponse<Buffer>> response = method == HttpMethod.GET || random.nextInt(12) == 0
        ? request.send() : request.sendBuffer(Buffer.buffer(HostileInputs.body(random)));
    return response.andThen(ar -> {
      if (ar.failed()) {
        failures.add(descr + " -> no answer: " + ar.cause().getMessage());
        return;
      }
      HttpResponse<Buffer> r = ar.result();
      statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
      String type = r.getHeader("Content-Type");
      if (r.statusCode() >= 500) {
        failures.add(descr + " -> " + r.statusCode() + " " + r.bodyAsString());
      } else if (type != null && type.contains("html")) {
        failures.add(descr + " -> HTML answer from the API");
      }
    }).otherwiseEmpty();
  }

  /** Row counts of the tables whose rows must survive any request. */
  private static Map<String, Long> counts(TestServer ts) throws Exception {
    Map<String, Long> out = new ConcurrentHashMap<>();
    for (String table : List.of("users", "teams", "tickets", "ticket_events", "taxpayers", "audit_log")) {
      long n = ts.server.pool().query("SELECT count(*) FROM " + table).execute().await(10, TimeUnit.SECONDS)
          .iterator().next().getLong(0);
      out.put(table, n);
    }
    return out;
  }

  @Test
  @DisplayName("The browser pages never put text into the DOM as HTML")
  void noHtmlSinksInPages() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/resources/webroot/js"))) {
      List<String> sinks = files.filter(p -> p.toString().endsWith(".js")).flatMap(p -> {
        try {
          return Files.readAllLines(p).stream().filter(l -> !l.trim().startsWith("//"))
              .filter(l -> l.matches(".*(innerHTML|outerHTML|insertAdjacentHTML|document\\.write|eval\\().*"))
              .map(l -> p.getFileName() + ": " + l.trim());
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).toList();
      assertThat(sinks).isEmpty();
    }
  }
}
