package klip.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * The Hazelcast cluster manager, configured here rather than by a cluster.xml: members found by a fixed list (no
 * multicast, no cloud discovery), nothing sent home, and few threads, because a node runs on a small machine beside
 * PostgreSQL. Its maps keep one backup each (Vert.x's own defaults, loaded first), so the sessions and event-bus
 * registrations of a node that dies are still held by another.
 */
public final class HazelcastCluster {

  private static final String LOGGING_TYPE = "hazelcast.logging.type";

  private HazelcastCluster() {
  }

  public static HazelcastClusterManager manager(ClusterSettings settings) {
    return new HazelcastClusterManager(config(settings));
  }

  static Config config(ClusterSettings settings) {
    // Hazelcast logs its first lines (a start-up warning among them) before it reads the Config's logging type.
    if (System.getProperty(LOGGING_TYPE) == null) {
      System.setProperty(LOGGING_TYPE, "slf4j");
    }
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(settings.name());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty(LOGGING_TYPE, "slf4j");
    // Vert.x leaves the cluster in its own shutdown, after the verticles: Hazelcast's hook must not go first.
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.local.localAddress", settings.host());
    config.setProperty("hazelcast.io.thread.count", "1");
    config.setProperty("hazelcast.operation.thread.count", "2");
    config.setProperty("hazelcast.operation.generic.thread.count", "1");
    config.setProperty("hazelcast.event.thread.count", "2");
    config.setProperty("hazelcast.partition.count", "71");
    // A member killed outright is noticed when its heartbeats stop: within seconds, not Hazelcast's default minute.
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
    // The first node does not wait long for members that are not up yet: they join it when they come.
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
    config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");
    config.getNetworkConfig().setPort(settings.port()).setPortAutoIncrement(false);
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(settings.members()).setConnectionTimeoutSeconds(2);
    return config;
  }

  /** The clustered event bus listens on this node's cluster address, where the other members reach it. */
  public static EventBusOptions eventBus(ClusterSettings settings) {
    return new EventBusOptions().setHost(settings.host()).setPort(settings.busPort())
        .setClusterPublicHost(settings.host());
  }
}
