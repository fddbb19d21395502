package klip.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.config.AppConfig;
import klip.db.Database;
import klip.identity.PasswordHasher;
import klip.pbx.PbxConfig;
import klip.pbx.SimulatedPbx;
import klip.support.HttpSession;
import klip.support.TempTrees;
import klip.support.TestServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * The floor under test: the whole server as production wires it (embedded PostgreSQL, asterisk-java over
 * TCP), pointed at a simulated PBX that runs in the benchmark's own Vert.x instance, a roster of agents each
 * signed in with their own session, and one bridge WebSocket per connected agent. The server and the clients
 * share the JVM (so one monotonic clock stamps both ends) but not their event loops.
 */
final class BenchFloor implements PopFloor, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BenchFloor.class);
  static final String AMI_USER = "klip";
  static final String AMI_SECRET = "bench-secret";
  private static final String PASSWORD = "bench-password";

  final Vertx vertx;
  final Context pbxContext;
  final SimulatedPbx pbx;
  final TestServer server;
  final List<BenchAgent> agents;
  private final List<String> cookies;
  private final BridgeDesks desks;
  /**
   * The harness's event-loop threads (PBX writes, bridge clients), seen running its callbacks: both Vert.x
   * instances name their threads alike, so CpuMeter tells them apart by id.
   */
  static final Set<Long> HARNESS_THREADS = ConcurrentHashMap.newKeySet();
  /** The bench's own PostgreSQL data directory (about 125 MB after a run), removed on close. */
  private final Path dataDir;
  private BenchFloor(Vertx vertx, Context pbxContext, SimulatedPbx pbx, TestServer server, List<BenchAgent> agents,
                     List<String> cookies, Path dataDir) {
    this.dataDir = dataDir;
    this.vertx = vertx;
    this.pbxContext = pbxContext;
    this.pbx = pbx;
    this.server = server;
    this.agents = agents;
    this.cookies = cookies;
    this.desks = new BridgeDesks(vertx);
  }

  static BenchFloor start(int agentCount) throws Exception {
    Vertx vertx = Vertx.vertx();
    Context pbxContext = vertx.getOrCreateContext();
    SimulatedPbx pbx = startPbx(vertx, pbxContext);
    List<BenchAgent> agents = new ArrayList<>();
    JsonArray roster = new JsonArray();
    for (int i = 0; i < agentCount; i++) {
      agents.add(BenchAgent.number(i));
      roster.add(agents.get(i).rosterEntry());
    }
    long t = System.nanoTime();
    // PostgreSQL as production runs it (Database.open: the embedded server with the production durability
    // settings), in a data directory of its own, not the tests' shared one.
    Path dataDir = Files.createTempDirectory("klip-bench-data");
    Database database = Database.open(new AppConfig.Database(null, "klip", "", 8), dataDir);
    TestServer server = TestServer.start(new JsonObject()
        .put("KLIP_AMI_HOST", "127.0.0.1").put("KLIP_AMI_PORT", pbx.port())
        .put("KLIP_AMI_USERNAME", AMI_USER).put("KLIP_AMI_SECRET", AMI_SECRET)
        .put("KLIP_DEMO", "true").put("KLIP_ROSTER", roster)
        // The PBX here writes no WAV files: the missing-recording alert would fire for every call.
        .put("KLIP_RECORDING_GRACE_MS", 3_600_000), database);
    log.info("Server up with {} agents in {} ms", agentCount, (System.nanoTime() - t) / 1_000_000);
    WebClient web = WebClient.create(vertx);
    if (!Await.untilAsync(vertx, Duration.ofSeconds(30), () -> web.get(server.port(), "127.0.0.1", "/health").send()
        .map(r -> r.statusCode() == 200).otherwise(false))) {
      throw new IllegalStateException("Server never became healthy (AMI login to the bench PBX?)");
    }
    List<String> cookies = signIn(vertx, server.server.pool(), List.of(server.port()), agents);
    return new BenchFloor(vertx, pbxContext, pbx, server, agents, cookies, dataDir);
  }

  /** A simulated PBX created on a known context, so the call driver's timers run on the loop that writes. */
  static SimulatedPbx startPbx(Vertx vertx, Context context) throws Exception {
    Path recordings = Files.createTempDirectory("klip-bench-rec");
    PbxConfig config = PbxConfig.defaults().withPort(0).withCredentials(AMI_USER, AMI_SECRET)
        .withRecordingsDir(recordings).withQueue("eapp", List.of());
    SimulatedPbx pbx = Await.result(Future.<SimulatedPbx>future(p -> context.runOnContext(v -> {
      HARNESS_THREADS.add(Thread.currentThread().getId());
      p.complete(new SimulatedPbx(vertx, config));
    })), Duration.ofSeconds(10));
    Await.result(pbx.start(), Duration.ofSeconds(10));
    return pbx;
  }

  /**
   * Every agent signs in through the real POST /api/login, many at once, and the server verifies an Argon2id
   * hash on its hashing pool as always. The stored hash is one for all, with cheap parameters (the PHC string
   * carries them): at production cost a thousand logins take minutes on two busy cores, and login speed is
   * not what this benchmark measures. Agent i signs in on {@code ports[i % ports.size()]}.
   */
  static List<String> signIn(Vertx vertx, Pool pool, List<Integer> ports, List<BenchAgent> agents) throws Exception {
    String hash = cheapHash(PASSWORD);
    if (!PasswordHasher.matches(PASSWORD, hash)) {
      throw new IllegalStateException("The bench's cheap hash is not one the server accepts");
    }
    Await.result(pool.preparedQuery("UPDATE users SET password_hash = $1 WHERE team = 'bench'")
        .execute(Tuple.of(hash)), Duration.ofSeconds(30));
    long t = System.nanoTime();
    ExecutorService logins = Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<String>> pending = new ArrayList<>();
      for (int i = 0; i < agents.size(); i++) {
        BenchAgent a = agents.get(i);
        int port = ports.get(i % ports.size());
        pending.add(logins.submit(() -> HttpSession.login(vertx, port, a.username(), PASSWORD).cookie()));
      }
      List<String> cookies = new ArrayList<>();
      for (java.util.concurrent.Future<String> f : pending) {
        cookies.add(f.get());
      }
      log.info("{} agents signed in in {} ms", agents.size(), (System.nanoTime() - t) / 1_000_000);
      return cookies;
    } finally {
      logins.shutdown();
    }
  }

  /** Argon2id in the PHC form PasswordHasher reads, with 256 KiB and one pass. */
  static String cheapHash(String password) {
    byte[] salt = "klip-bench-salt!".getBytes(StandardCharsets.UTF_8);
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(256).withIterations(1).withParallelism(1)
        .withSalt(salt).build());
    byte[] out = new byte[32];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$argon2id$v=19$m=256,t=1,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
  }

  /** Connects bridge clients until {@code count} agents are connected, each registered on its pop address. */
  void connect(int count) {
    long t = System.nanoTime();
    while (desks.connected().size() < count) {
      int i = desks.connected().size();
      desks.connect(agents.get(i), server.port(), cookies.get(i));
    }
    desks.awaitRegistered(server.vertx, t);
  }

  /** Where pops go: (pop body, System.nanoTime() at arrival on the client's event loop). */
  @Override
  public void onPop(BiConsumer<JsonObject, Long> sink) {
    desks.onPop(sink);
  }

  @Override
  public List<BenchAgent> connectedAgents() {
    return desks.connected();
  }

  int closedClients() {
    return desks.closedClients();
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public Context pbxContext() {
    return pbxContext;
  }

  @Override
  public SimulatedPbx pbx() {
    return pbx;
  }

  @Override
  public Pool pool() {
    return server.server.pool();
  }

  @Override
  public void close() {
    desks.close();
    server.close();
    server.database.close();
    Await.result(pbx.stop().otherwiseEmpty(), Duration.ofSeconds(10));
    vertx.close();
    try {
      TempTrees.delete(dataDir);
    } catch (java.io.IOException e) {
      log.warn("Bench data left in {}: {}", dataDir, e.getMessage());
    }
  }
}
