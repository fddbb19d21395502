package klip.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import klip.db.Database;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Node processes of one cluster on loopback, as an operator would configure them: each its own HTTP and cluster port
 * and data directory, all on one database and one recordings folder, every member listed in each. Also lets the calling
 * JVM join that cluster as a lite member (no data), to publish on and listen to the clustered event bus.
 */
public record ClusterNodes(List<NodeProcess> nodes, String members) {

  /**
   * {@code count} nodes named node0, node1, ... under {@code root}, not started; {@code env} adds settings (AMI,
   * roster, ...) to the cluster's and database's.
   */
  public static ClusterNodes create(int count, Path root, Database database, Map<String, String> env, Path logDir,
                                    List<String> jvmOptions) throws IOException {
    List<Integer> clusterPorts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      clusterPorts.add(freePort());
    }
    String members = String.join(",", clusterPorts.stream().map(p -> "127.0.0.1:" + p).toList());
    List<NodeProcess> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, String> nodeEnv = new HashMap<>(env);
      int httpPort = freePort();
      nodeEnv.put("KLIP_HTTP_HOST", "127.0.0.1");
      nodeEnv.put("KLIP_HTTP_PORT", Integer.toString(httpPort));
      nodeEnv.put("KLIP_DATA_DIR", root.resolve("node" + i).resolve("data").toString());
      // One recordings folder for all, unless the PBX's own is given (a real Asterisk writes there).
      nodeEnv.putIfAbsent("KLIP_RECORDINGS_DIR", root.resolve("recordings").toString());
      nodeEnv.put("KLIP_DB_URL", database.jdbcUrl());
      nodeEnv.put("KLIP_DB_USER", database.user());
      nodeEnv.put("KLIP_DB_PASSWORD", database.password());
      nodeEnv.put("KLIP_CLUSTER_MEMBERS", members);
      nodeEnv.put("KLIP_CLUSTER_HOST", "127.0.0.1");
      nodeEnv.put("KLIP_CLUSTER_PORT", Integer.toString(clusterPorts.get(i)));
      nodes.add(new NodeProcess("node" + i, httpPort, root.resolve("node" + i), logDir, nodeEnv, jvmOptions));
    }
    return new ClusterNodes(List.copyOf(nodes), members);
  }

  /**
   * Starts every node: the first alone (it migrates the database and takes the AMI lease), then the others together;
   * returns once each answers /health within {@code deadline}.
   */
  public void startAll(java.time.Duration deadline) throws IOException {
    nodes.get(0).start();
    nodes.get(0).awaitUp(deadline);
    for (NodeProcess node : nodes.subList(1, nodes.size())) {
      node.start();
    }
    for (NodeProcess node : nodes.subList(1, nodes.size())) {
      node.awaitUp(deadline);
    }
  }

  /** This JVM as a lite member of the cluster: it holds no data, but its event bus reaches every node's. */
  public Vertx joinAsLiteMember() throws Exception {
    ClusterSettings settings = new ClusterSettings("klip", List.of(members.split(",")), "127.0.0.1", freePort(), 0);
    return Vertx.builder()
        .with(new VertxOptions().setEventBusOptions(HazelcastCluster.eventBus(settings)))
        .withClusterManager(new HazelcastClusterManager(HazelcastCluster.config(settings).setLiteMember(true)))
        .buildClustered().await(60, TimeUnit.SECONDS);
  }

  /** A test's end: its browsers' sockets closed, every node still running killed, the lite member gone. */
  public static void tearDown(List<klip.support.BridgeClient> clients, List<NodeProcess> nodes, Vertx member)
      throws Exception {
    clients.forEach(klip.support.BridgeClient::close);
    for (NodeProcess node : nodes) {
      if (node.alive()) {
        node.kill9();
      }
    }
    if (member != null) {
      member.close().await(30, TimeUnit.SECONDS);
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
