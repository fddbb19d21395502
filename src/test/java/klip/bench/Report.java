package klip.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one run as a Markdown table, printed at the end and written under bench/results/. */
final class Report {

  private final ZonedDateTime started;
  private final String machine;
  private final String args;
  private final List<LatencyCell.Result> cells = new ArrayList<>();
  private final List<Throughput.Result> throughputs = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private String mix = "?";

  Report(ZonedDateTime started, String machine, String args) {
    this.started = started;
    this.machine = machine;
    this.args = args;
  }

  ZonedDateTime started() {
    return started;
  }

  void mix(String value) {
    this.mix = value;
  }

  String mix() {
    return mix;
  }

  void cell(LatencyCell.Result r) {
    cells.add(r);
  }

  void throughput(Throughput.Result r) {
    throughputs.add(r);
  }

  void note(String text) {
    notes.add(text);
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append("## Screen-pop benchmark, ").append(started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append("\n\n");
    out.append("- Machine: ").append(machine).append('\n');
    out.append("- Arguments: `").append(args.isBlank() ? "(defaults)" : args).append("`\n");
    out.append("- Event mix (from shared/ami session 1): ").append(mix).append('\n');
    out.append("- Load: 1-minute load average before → after each row (the machine is shared)\n\n");
    out.append("### Latency: AgentCalled written to the AMI socket → pop received by the agent's bridge client\n\n");
    out.append("| calls/s | agent clients | pops measured | missing | p50 ms | p99 ms | max ms | load |\n");
    out.append("|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (LatencyCell.Result r : cells) {
      out.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %s | %s | %s | %s |%n", r.rate(), r.clients(),
          r.measured(), r.missing(), ms(r.p50Ms()), ms(r.p99Ms()), ms(r.maxMs()), r.load()));
    }
    out.append("\nTarget: p99 ≤ 20 ms at 50 calls/s with 1,000 agents.\n\nCPU while the calls were written:\n\n");
    for (LatencyCell.Result r : cells) {
      out.append(String.format(Locale.ROOT, "- %d calls/s, %d clients: %s%n", r.rate(), r.clients(), r.cpu()));
    }
    out.append('\n');
    out.append("### Throughput: AMI events/s on the captured mix, the same bytes written back to back\n\n");
    out.append("| calls | AMI events written | asterisk-java alone: events/s | pipeline, AMI read: events/s"
        + " | pipeline end to end: events/s | end to end / alone | pops | tickets ended"
        + " | events asterisk-java dropped | listener calls alone / pipeline | load |\n");
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
    for (Throughput.Result t : throughputs) {
      out.append(String.format(Locale.ROOT, "| %d | %d | %,.0f | %,.0f | %,.0f | %.0f%% | %d | %d | %d | %d / %d | %s |%n",
          t.calls(), t.events(), t.plainRate(), t.readRate(), t.pipelineRate(), 100 * t.pipelineRate() / t.plainRate(),
          t.pops(), t.ended(), t.dropped(), t.plainRead(), t.pipelineRead(), t.load()));
    }
    out.append("\nTarget: pipeline end to end ≥ 80% of asterisk-java's own reading rate.\n\n");
    out.append("Like for like: asterisk-java set up as the server sets it up (unread event types skipped before"
        + " parsing, UnreadAmiEvents) with an empty listener, the same bytes, so the last column is what the rest"
        + " of the pipeline costs:\n\n");
    out.append("| run | that reader: events/s | its listener calls | pipeline end to end / that reader"
        + " | that reader: CPU µs per event | its CPU / pipeline CPU |\n|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < throughputs.size(); i++) {
      Throughput.Result t = throughputs.get(i);
      out.append(String.format(Locale.ROOT, "| %d | %,.0f | %d | %.0f%% | %.1f | %.0f%% |%n", i + 1, t.skippingRate(),
          t.skippingRead(), 100 * t.pipelineRate() / t.skippingRate(), 1e6 * t.skippingCpuSeconds() / t.events(),
          100 * t.skippingCpuSeconds() / t.pipelineCpuSeconds()));
    }
    out.append('\n');
    out.append("The same runs by CPU time, which the other users of the machine disturb less than the wall clock:\n\n");
    out.append("| run | asterisk-java alone: CPU µs per event | pipeline (server threads + PostgreSQL): CPU µs per event"
        + " | alone / pipeline |\n|---:|---:|---:|---:|\n");
    for (int i = 0; i < throughputs.size(); i++) {
      Throughput.Result t = throughputs.get(i);
      out.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.0f%% |%n", i + 1, 1e6 * t.plainCpuSeconds() / t.events(),
          1e6 * t.pipelineCpuSeconds() / t.events(), 100 * t.cpuRatio()));
    }
    out.append("\nCPU per run:\n\n");
    for (int i = 0; i < throughputs.size(); i++) {
      Throughput.Result t = throughputs.get(i);
      out.append(String.format(Locale.ROOT, "- run %d, asterisk-java alone: %s%n", i + 1, t.plainCpu()));
      out.append(String.format(Locale.ROOT, "- run %d, pipeline: %s%n", i + 1, t.pipelineCpu()));
    }
    if (!notes.isEmpty()) {
      out.append('\n');
      notes.forEach(n -> out.append("- ").append(n).append('\n'));
    }
    return out.toString();
  }

  static String ms(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
  }
}
