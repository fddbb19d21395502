package klip.cluster;

import klip.config.Settings;

import java.util.Arrays;
import java.util.List;

/**
 * How this node joins the others: a fixed member list (TCP/IP join, no multicast), the address and port its cluster
 * manager listens on, and the port of its clustered event bus (0: any free one, announced through the manager).
 *
 * @param members {@code host:port} of every member's cluster manager, this node's included
 * @param host    the address this node's cluster manager and event bus bind to and announce to the others
 */
public record ClusterSettings(String name, List<String> members, String host, int port, int busPort) {

  /** The cluster this node joins, or null when {@code KLIP_CLUSTER_MEMBERS} is empty: one node alone. */
  public static ClusterSettings from(Settings s) {
    String members = s.string("KLIP_CLUSTER_MEMBERS", "");
    if (members.isBlank()) {
      return null;
    }
    List<String> list = Arrays.stream(members.split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
    for (String member : list) {
      if (!member.matches("[^:\\s]+:\\d{1,5}")) {
        throw new IllegalStateException("KLIP_CLUSTER_MEMBERS lists host:port pairs separated by commas, got '"
            + member + "'");
      }
    }
    return new ClusterSettings(s.string("KLIP_CLUSTER_NAME", "klip"), list, s.string("KLIP_CLUSTER_HOST",
        "127.0.0.1"), s.integer("KLIP_CLUSTER_PORT"), s.integer("KLIP_CLUSTER_BUS_PORT"));
  }
}
