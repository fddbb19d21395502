package klip.bench;

import ch.qos.logback.classic.Level;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import klip.cluster.ClusterNodes;
import klip.cluster.NodeProcess;
import klip.config.AppConfig;
import klip.config.Settings;
import klip.db.Database;
import klip.pbx.SimulatedPbx;
import klip.sikp.ArticleJsonl;
import klip.sikp.ArticleStore;
import klip.sikp.SikpArticle;
import klip.sikp.eval.CorpusGenerator;
import klip.support.TempTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * Scale-out benchmark (a harness, not a test: {@code bench/run-clusterbench.sh}). Node JVMs as an operator runs them
 * ({@code klip.server.Main}, each with the heap limit given), on one embedded PostgreSQL holding the SIKP corpus, the
 * simulated PBX and the agents' browsers in this JVM. In one run:
 * <ol>
 *   <li>one node alone (the first of the cluster, the others not started): every agent's bridge socket on it, pop
 *   latency (AgentCalled written → pop received) at the rate given, then its heap after a full collection;</li>
 *   <li>the other nodes join: the agents' sockets spread round-robin over all nodes, the same cell, then every node's
 *   heap after a full collection.</li>
 * </ol>
 * A node started with {@code -Xmx512m -XX:+ExitOnOutOfMemoryError} that needed more would die and fail the run.
 * Options: agents=1000 rate=50 warmup=3 seconds=20 articles=50000 nodes=3 heap=512m.
 */
public final class ClusterBench {

  private static final Logger log = LoggerFactory.getLogger(ClusterBench.class);
  private static final Duration START = Duration.ofMinutes(5);

  /** The latency cell's view of the nodes: the agents' browsers in this JVM, the server in other processes. */
  private record NodesFloor(Vertx vertx, Context pbxContext, SimulatedPbx pbx, Pool pool, BridgeDesks desks)
      implements PopFloor {
    @Override
    public List<BenchAgent> connectedAgents() {
      return desks.connected();
    }

    @Override
    public void onPop(BiConsumer<JsonObject, Long> sink) {
      desks.onPop(sink);
    }
  }

  private ClusterBench() {
  }

  public static void main(String[] args) throws Exception {
    BenchOptions opts = BenchOptions.of(args);
    int agentCount = opts.integer("agents", 1000);
    int rate = opts.integer("rate", 50);
    int warmup = opts.integer("warmup", 3);
    int seconds = opts.integer("seconds", 20);
    int articles = opts.integer("articles", 50000);
    int nodeCount = opts.integer("nodes", 3);
    String heap = opts.string("heap", "512m");
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("klip")).setLevel(Level.WARN);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("klip.bench")).setLevel(Level.INFO);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("com.hazelcast")).setLevel(Level.WARN);

    ZonedDateTime started = ZonedDateTime.now();
    String loadAtStart = Machine.load();
    List<ClusterReport.Latency> rows = new ArrayList<>();
    List<ClusterReport.NodeHeap> heaps = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int exit = 0;
    Vertx vertx = Vertx.vertx();
    Vertx member = null;
    ClusterNodes cluster = null;
    Database database = null;
    Path dataDir = null;
    Path root = null;
    try {
      Context pbxContext = vertx.getOrCreateContext();
      SimulatedPbx pbx = BenchFloor.startPbx(vertx, pbxContext);
      dataDir = Files.createTempDirectory("klip-clusterbench-data");
      database = Database.open(new AppConfig.Database(null, "klip", "", 8), dataDir);
      Pool pool = database.pool(vertx, 4);
      seedArticles(pool, articles);
      List<BenchAgent> agents = new ArrayList<>();
      for (int i = 0; i < agentCount; i++) {
        agents.add(BenchAgent.number(i));
      }
      root = Files.createTempDirectory("klip-clusterbench");
      cluster = ClusterNodes.create(nodeCount, root, database, nodeEnv(root, pbx, agents), Path.of("target",
          "bench-logs", "ClusterBench-" + started.format(DateTimeFormatter.ofPattern("HHmmss"))),
          List.of("-Xmx" + heap, "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError"));
      List<NodeProcess> nodes = cluster.nodes();
      NodeProcess first = nodes.get(0);
      first.start();
      first.awaitUp(START);
      member = cluster.joinAsLiteMember();
      List<String> cookies = BenchFloor.signIn(vertx, pool, List.of(first.httpPort), agents);
      notes.add(awaitIndex(first, cookies.get(0), articles));
      CallFactory factory = new CallFactory(CallTemplates.fromResource("/ami/ami-session-1.txt"));

      rows.add(new ClusterReport.Latency("1 node, " + agentCount + " agents on it",
          cell(vertx, pbxContext, pbx, pool, member, agents, cookies, List.of(first), factory, rate, warmup, seconds,
              notes)));
      heaps.add(new ClusterReport.NodeHeap(first.name, "alone, every agent's socket on it",
          HeapAfterGc.of(first.pid())));

      List<NodeProcess> joining = nodes.subList(1, nodes.size());
      for (NodeProcess node : joining) {
        node.start();
      }
      for (NodeProcess node : joining) {
        node.awaitUp(START);
        notes.add(awaitIndex(node, cookies.get(0), articles));
      }
      rows.add(new ClusterReport.Latency(nodeCount + " nodes, " + agentCount + " agents round-robin",
          cell(vertx, pbxContext, pbx, pool, member, agents, cookies, nodes, factory, rate, warmup, seconds, notes)));
      notes.add("AMI owner during the " + nodeCount + "-node cell: " + first.ami().getString("owner") + " (node0 is "
          + first.ami().getString("node") + ")");
      for (NodeProcess node : nodes) {
        heaps.add(new ClusterReport.NodeHeap(node.name, "in the cluster, a third of the sockets",
            HeapAfterGc.of(node.pid())));
      }
      for (NodeProcess node : nodes) {
        if (!node.alive()) {
          notes.add(node.name + " died during the run; see " + node.log());
          exit = 1;
        }
      }
    } catch (Exception | AssertionError e) {
      log.error("Benchmark failed", e);
      notes.add("The run failed: " + e);
      exit = 1;
    } finally {
      // The lite member leaves first: it would otherwise log every partition lost as the nodes go.
      if (member != null) {
        member.close().await(30, TimeUnit.SECONDS);
      }
      if (cluster != null) {
        for (NodeProcess node : cluster.nodes()) {
          if (node.alive()) {
            node.kill9();
          }
        }
      }
      if (database != null) {
        database.close();
      }
      vertx.close();
      TempTrees.delete(root);
      TempTrees.delete(dataDir);
    }
    String table = ClusterReport.render(started, String.join(" ", args), heap, articles, loadAtStart,
        rows, heaps, notes);
    System.out.println();
    System.out.println(table);
    Path dir = Path.of("bench", "results");
    Files.createDirectories(dir);
    Path file = dir.resolve("clusterbench-" + started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
    Files.writeString(file, table);
    log.info("Written to {}", file.toAbsolutePath());
    System.exit(exit);
  }

  /**
   * Connects every agent's browser, agent i to {@code nodes[i % n]}, warms up for 10 s (not reported), measures one
   * cell, and closes the sockets again.
   */
  private static LatencyCell.Result cell(Vertx vertx, Context pbxContext, SimulatedPbx pbx, Pool pool, Vertx member,
                                         List<BenchAgent> agents, List<String> cookies, List<NodeProcess> nodes,
                                         CallFactory factory, int rate, int warmup, int seconds, List<String> notes) {
    try (BridgeDesks desks = new BridgeDesks(vertx)) {
      long t = System.nanoTime();
      for (int i = 0; i < agents.size(); i++) {
        desks.connect(agents.get(i), nodes.get(i % nodes.size()).httpPort, cookies.get(i));
      }
      desks.awaitRegistered(member, t);
      NodesFloor floor = new NodesFloor(vertx, pbxContext, pbx, pool, desks);
      log.info("Warm-up on {} node(s): {} calls/s for 10 s (not reported)", nodes.size(), rate);
      LatencyCell.run(floor, factory, rate, 10, 0);
      log.info("Cell: {} calls/s, {} clients on {} node(s)", rate, agents.size(), nodes.size());
      LatencyCell.Result r = LatencyCell.run(floor, factory, rate, warmup, seconds);
      log.info("  p50 {} ms, p99 {} ms, max {} ms ({} pops, {} missing; load {})", Report.ms(r.p50Ms()),
          Report.ms(r.p99Ms()), Report.ms(r.maxMs()), r.measured(), r.missing(), r.load());
      if (desks.closedClients() > 0) {
        notes.add(desks.closedClients() + " bridge clients were closed by the end of the " + nodes.size()
            + "-node cell");
      }
      return r;
    }
  }

  /** The SIKP corpus in PostgreSQL before any node starts: each node builds its own index from it. */
  private static void seedArticles(Pool pool, int count) {
    long t = System.nanoTime();
    List<SikpArticle> corpus = CorpusGenerator.generate(ArticleJsonl.readBundled().articles(), count, 42);
    Await.result(new ArticleStore(pool).seed(corpus, "import"), Duration.ofMinutes(10));
    log.info("{} SIKP articles stored in {} ms", corpus.size(), (System.nanoTime() - t) / 1_000_000);
  }

  /** Each node's settings beyond the cluster's: the PBX, the roster of bench agents (as a file), demo mode. */
  private static Map<String, String> nodeEnv(Path root, SimulatedPbx pbx, List<BenchAgent> agents) throws IOException {
    JsonArray roster = new JsonArray();
    agents.forEach(a -> roster.add(a.rosterEntry()));
    Path config = root.resolve("klip.json");
    Files.writeString(config, new JsonObject().put("KLIP_ROSTER", roster)
        // The PBX here writes no WAV files: the missing-recording alert would fire for every call.
        .put("KLIP_RECORDING_GRACE_MS", 3_600_000).encode());
    Map<String, String> env = new HashMap<>();
    env.put(Settings.CONFIG_FILE, config.toString());
    env.put("KLIP_DEMO", "true");
    env.put("KLIP_AMI_HOST", "127.0.0.1");
    env.put("KLIP_AMI_PORT", Integer.toString(pbx.port()));
    env.put("KLIP_AMI_USERNAME", BenchFloor.AMI_USER);
    env.put("KLIP_AMI_SECRET", BenchFloor.AMI_SECRET);
    // As the one-node screen-pop bench (TestServer): the bench's agents are no queue's members, so the pause of
    // after-call work would only be refused by the PBX, an error per call on the node owning AMI.
    env.put("KLIP_ACW_PAUSE", "false");
    return env;
  }

  /** A node's SIKP index is built behind its start-up; a suggestion answers once it is (searches wait for it). */
  private static String awaitIndex(NodeProcess node, String cookie, int articles) throws InterruptedException {
    long t = System.nanoTime();
    long deadline = t + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (!node.alive()) {
        throw new IllegalStateException(node.name + " died while building its index; see " + node.log());
      }
      try {
        if (node.get("/api/sikp/suggest?q=npwp", cookie) == 200) {
          String ready = String.format(java.util.Locale.ROOT, "%s: SIKP index of %d articles answered after %.1f s of "
              + "waiting", node.name, articles, (System.nanoTime() - t) / 1e9);
          log.info(ready);
          return ready;
        }
      } catch (IOException e) {
        // still building: the request timed out
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
    }
    throw new IllegalStateException(node.name + "'s SIKP index was not ready within " + START);
  }
}
