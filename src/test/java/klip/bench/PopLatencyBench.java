package klip.bench;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The screen-pop benchmark (a harness, not a test: {@code bench/run-popbench.sh}).
 * <ol>
 *   <li>Latency: AgentCalled written to the AMI socket → pop received by the agent's bridge client, at each
 *   rate (new calls/s) with each number of connected agent clients; p50, p99, max.</li>
 *   <li>Throughput: AMI events/s of the whole pipeline on the captured event mix, next to asterisk-java alone
 *   reading the same bytes with an empty listener.</li>
 * </ol>
 * Options ({@code key=value} arguments): agents=1000 clients=200,1000 rates=20,50,100 warmup=3 seconds=20
 * throughputCalls=1000 throughputRuns=2.
 */
public final class PopLatencyBench {

  private static final Logger log = LoggerFactory.getLogger(PopLatencyBench.class);

  private PopLatencyBench() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = BenchOptions.of(args).values();
    int agents = Integer.parseInt(opts.getOrDefault("agents", "1000"));
    List<Integer> clientSteps = ints(opts.getOrDefault("clients", "200,1000"));
    List<Integer> rates = ints(opts.getOrDefault("rates", "20,50,100"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "3"));
    int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
    int throughputCalls = Integer.parseInt(opts.getOrDefault("throughputCalls", "1000"));
    int throughputRuns = Integer.parseInt(opts.getOrDefault("throughputRuns", "2"));
    // Per-login and per-registration INFO lines would be thousands here; the server's warnings still show.
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("klip"))
        .setLevel(Level.toLevel(opts.getOrDefault("log", "WARN")));
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("klip.bench")).setLevel(Level.INFO);

    Report report = new Report(ZonedDateTime.now(), Machine.describe(), String.join(" ", args));
    List<CallTemplates.Template> templates = CallTemplates.fromResource("/ami/ami-session-1.txt");
    CallFactory factory = new CallFactory(templates);
    report.mix(CallFactory.mix(factory.calls(templates.size() * 10, List.of(BenchAgent.number(0),
        BenchAgent.number(1)))));
    log.info("Captured mix: {} ({} call templates)", report.mix(), templates.size());
    int exit = 0;
    try (BenchFloor floor = BenchFloor.start(agents)) {
      floor.connect(Math.min(clientSteps.get(0), agents));
      log.info("Warm-up: 50 calls/s for 10 s (not reported)");
      LatencyCell.run(floor, factory, 50, 10, 0);
      for (int clients : clientSteps) {
        floor.connect(Math.min(clients, agents));
        for (int rate : rates) {
          log.info("Cell: {} calls/s, {} clients", rate, clients);
          LatencyCell.Result r = LatencyCell.run(floor, factory, rate, warmup, seconds);
          log.info("  p50 {} ms, p99 {} ms, max {} ms ({} pops, {} missing; load {})", Report.ms(r.p50Ms()),
              Report.ms(r.p99Ms()), Report.ms(r.maxMs()), r.measured(), r.missing(), r.load());
          report.cell(r);
        }
      }
      if (throughputRuns > 0) {
        log.info("Throughput warm-up: {} calls (not reported)", throughputCalls / 3);
        Throughput.run(floor, factory, throughputCalls / 3);
      }
      for (int i = 0; i < throughputRuns; i++) {
        log.info("Throughput run {}: {} calls written back to back", i + 1, throughputCalls);
        Throughput.Result t = Throughput.run(floor, factory, throughputCalls);
        log.info("  asterisk-java alone {} events/s, pipeline {} events/s", Math.round(t.plainRate()),
            Math.round(t.pipelineRate()));
        report.throughput(t);
      }
      if (floor.closedClients() > 0) {
        report.note(floor.closedClients() + " bridge clients were closed by the end of the run");
      }
    } catch (Exception e) {
      log.error("Benchmark failed", e);
      report.note("The run failed: " + e);
      exit = 1;
    }
    String table = report.render();
    System.out.println();
    System.out.println(table);
    Path dir = Path.of("bench", "results");
    Files.createDirectories(dir);
    Path file = dir.resolve("popbench-" + report.started().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
        + ".md");
    Files.writeString(file, table);
    log.info("Written to {}", file.toAbsolutePath());
    System.exit(exit);
  }

  private static List<Integer> ints(String csv) {
    List<Integer> out = new ArrayList<>();
    for (String s : csv.split(",")) {
      out.add(Integer.parseInt(s.trim()));
    }
    return out;
  }
}
