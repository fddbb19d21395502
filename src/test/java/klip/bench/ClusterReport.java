package klip.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The scale-out benchmark's markdown: pop latency on one node and spread over the cluster, heap per node. */
final class ClusterReport {

  record Latency(String setup, LatencyCell.Result cell) {
  }

  record NodeHeap(String node, String when, HeapAfterGc heap) {
  }

  private ClusterReport() {
  }

  static String render(ZonedDateTime started, String args, String heapLimit, int articles, String loadAtStart,
                       List<Latency> latencies, List<NodeHeap> heaps, List<String> notes) {
    StringBuilder out = new StringBuilder();
    out.append("# Scale-out benchmark: ").append(started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n\n");
    out.append("Command: `bench/run-clusterbench.sh").append(args.isBlank() ? "" : " " + args).append("`  \n");
    out.append("Machine: ").append(Machine.describe()).append("; node JVMs `-Xmx").append(heapLimit)
        .append(" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError`; 1-minute load at start ").append(loadAtStart)
        .append(", at the end ").append(Machine.load()).append("\n\n");
    out.append("## Pop latency: AgentCalled written to the AMI socket → pop received by the agent's bridge "
        + "client\n\n");
    out.append("| setup | calls/s | agent clients | pops measured | missing | p50 ms | p99 ms | max ms | load |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Latency l : latencies) {
      LatencyCell.Result r = l.cell();
      out.append("| ").append(l.setup()).append(" | ").append(r.rate()).append(" | ").append(r.clients())
          .append(" | ").append(r.measured()).append(" | ").append(r.missing()).append(" | ")
          .append(Report.ms(r.p50Ms())).append(" | ").append(Report.ms(r.p99Ms())).append(" | ")
          .append(Report.ms(r.maxMs())).append(" | ").append(r.load()).append(" |\n");
    }
    out.append("\nCPU while the calls were written (this JVM is the harness: PBX and browsers; the nodes are other "
        + "processes, counted in the machine's share):\n\n");
    for (Latency l : latencies) {
      out.append("- ").append(l.setup()).append(": ").append(l.cell().cpu()).append("\n");
    }
    out.append("\n## Heap per node after a full collection (`jcmd <pid> GC.run`, then `GC.heap_info`), ")
        .append(articles).append(" SIKP articles indexed\n\n");
    out.append("| node | when | used MiB | committed MiB | limit |\n|---|---|---:|---:|---|\n");
    for (NodeHeap h : heaps) {
      out.append("| ").append(h.node()).append(" | ").append(h.when()).append(" | ").append(h.heap().usedMib())
          .append(" | ").append(h.heap().committedMib()).append(" | ").append(heapLimit).append(" |\n");
    }
    if (!notes.isEmpty()) {
      out.append("\nNotes:\n\n");
      notes.forEach(n -> out.append("- ").append(n).append("\n"));
    }
    return out.toString();
  }
}
