package klip.bench;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import klip.pbx.SimulatedPbx;
import klip.telephony.UnreadAmiEvents;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * AMI events per second on the captured mix, the same bytes twice: first read by asterisk-java alone with an
 * empty listener (its own ceiling), then by the whole pipeline (asterisk-java, call model, event bus, tickets
 * in PostgreSQL, pops over the bridge). The stream is written as fast as the socket takes it; a run ends when
 * the last event is read (asterisk-java alone) or when every call has its pop delivered and its ticket ended
 * (pipeline). The two runs take turns, never overlap. Pops and ended tickets are counted for this run's calls
 * whatever the wait's outcome, with the events asterisk-java dropped meanwhile: a call whose events were dropped
 * may never pop, and that must not hide how many tickets did end.
 */
final class Throughput {

  record Result(int calls, long events, long plainRead, double plainRate, long pipelineRead, double readRate,
                int pops, long ended, long dropped, double pipelineRate, String load, String plainCpu, String pipelineCpu,
                double plainCpuSeconds, double pipelineCpuSeconds, long skippingRead, double skippingRate,
                double skippingCpuSeconds) {

    /** Events per CPU-second of asterisk-java alone over the pipeline's: what the wall clock would show on
     * cores nobody else uses, with every part of the pipeline able to run in parallel. */
    double cpuRatio() {
      return (events / pipelineCpuSeconds) / (events / plainCpuSeconds);
    }
  }

  private Throughput() {
  }

  static Result run(BenchFloor floor, CallFactory factory, int callCount) throws Exception {
    List<CallTemplates.Call> calls = factory.calls(callCount, floor.connectedAgents());
    List<String> chunks = new ArrayList<>();
    long eventCount = 0;
    StringBuilder chunk = new StringBuilder();
    for (int i = 0; i < calls.size(); i++) {
      chunk.append(calls.get(i).all());
      eventCount += calls.get(i).eventCount();
      if (i % 10 == 9 || i == calls.size() - 1) {
        chunks.add(chunk.toString());
        chunk.setLength(0);
      }
    }
    long events = eventCount;
    String loadBefore = Machine.load();
    CpuMeter cpu = new CpuMeter(floor.server.server.pool());
    String[] plainCpu = new String[1];
    double[] plainWork = new double[1];
    long[] plain = reader(floor, chunks, events, cpu, plainCpu, plainWork, port -> new ManagerConnectionFactory(
        "127.0.0.1", port, BenchFloor.AMI_USER, BenchFloor.AMI_SECRET).createManagerConnection());
    // Rates count the events on the wire; asterisk-java also hands listeners a few synthesised ones (legacy
    // DialEvent and the like), so what a listener sees is compared with what the plain reader saw.
    double plainRate = events / (plain[1] / 1e9);
    // The server's own reader set-up (UnreadAmiEvents: unread event types skipped before parsing) with an empty
    // listener: the like-for-like ceiling, so the report shows what the pipeline costs beyond its reader, not
    // only how it compares with asterisk-java building every event.
    double[] skippingWork = new double[1];
    long[] skipping = reader(floor, chunks, events, cpu, new String[1], skippingWork,
        port -> UnreadAmiEvents.connection("127.0.0.1", port, BenchFloor.AMI_USER, BenchFloor.AMI_SECRET));

    Set<String> ids = ConcurrentHashMap.newKeySet();
    calls.forEach(c -> ids.add(c.linkedId()));
    Set<String> popped = ConcurrentHashMap.newKeySet();
    floor.onPop((body, at) -> {
      String id = body.getJsonObject("ticket", new JsonObject()).getString("callId");
      if (id != null && ids.contains(id)) {
        popped.add(id);
      }
    });
    var readCounter = floor.server.server.metrics().counter("klip_ami_events_total",
        "AMI events received (asterisk-java builds none of the types the call model never reads)");
    long readBefore = readCounter.value();
    var droppedCounter = floor.server.server.metrics().counter("klip_ami_events_dropped_total",
        "AMI events asterisk-java dropped because its event queue was full (each loss is followed by a resync)");
    long droppedBefore = droppedCounter.value();
    String[] runIds = ids.toArray(new String[0]);
    CpuMeter.Snapshot pipelineStart = cpu.snapshot();
    long t0 = System.nanoTime();
    // The server's asterisk-java builds only the event types its call model reads (UnreadAmiEvents, and no VarSet
    // but the recording's), so its listener sees fewer events than were written: reading is done when that count
    // last moved.
    long[] readDone = {0};
    long[] lastRead = {readBefore};
    Await.result(OpenLoopDriver.blast(floor.pbx, chunks), Duration.ofMinutes(5));
    boolean complete = Await.untilAsync(floor.vertx, Duration.ofSeconds(120), 10, () -> {
      long readNow = readCounter.value();
      if (readNow != lastRead[0]) {
        lastRead[0] = readNow;
        readDone[0] = System.nanoTime();
      }
      if (popped.size() < calls.size()) {
        return Future.succeededFuture(false);
      }
      return endedTickets(floor, runIds).map(n -> n >= calls.size());
    });
    long pipelineNanos = System.nanoTime() - t0;
    CpuMeter.Snapshot pipelineEnd = cpu.snapshot();
    String pipelineCpu = CpuMeter.between(pipelineStart, pipelineEnd);
    double pipelineWork = CpuMeter.workSeconds(pipelineStart, pipelineEnd, false);
    long read = readCounter.value() - readBefore;
    // Counted here, not only once every pop is in: a single lost pop used to leave this at 0.
    long ended = endedTickets(floor, runIds).await();
    if (readDone[0] == 0) {
      readDone[0] = System.nanoTime();
    }
    floor.onPop((body, at) -> { });
    LatencyCell.awaitCallsEnded(floor);
    return new Result(calls.size(), events, plain[0], plainRate, read, events / ((readDone[0] - t0) / 1e9),
        popped.size(), ended, droppedCounter.value() - droppedBefore,
        complete ? events / (pipelineNanos / 1e9) : Double.NaN,
        loadBefore + " → " + Machine.load(), plainCpu[0], pipelineCpu, plainWork[0], pipelineWork,
        skipping[0], events / (skipping[1] / 1e9), skippingWork[0]);
  }

  /**
   * asterisk-java with an empty listener on its own PBX, connected as {@code connect} makes it: returns {events
   * read, nanos from first write to last}. Done when the count stops moving, so a reader that skips event types
   * ends as soon as its last built event is in.
   */
  private static long[] reader(BenchFloor floor, List<String> chunks, long events, CpuMeter cpu, String[] cpuUsed,
                               double[] work, IntFunction<ManagerConnection> connect) throws Exception {
    SimulatedPbx pbx = BenchFloor.startPbx(floor.vertx, floor.vertx.getOrCreateContext());
    ManagerConnection connection = connect.apply(pbx.port());
    AtomicLong count = new AtomicLong();
    AtomicLong last = new AtomicLong();
    connection.addEventListener(event -> {
      if (!(event instanceof ConnectEvent) && !(event instanceof DisconnectEvent)) {
        count.incrementAndGet();
        last.set(System.nanoTime());
      }
    });
    try {
      connection.login();
      long before = count.get();
      CpuMeter.Snapshot start = cpu.snapshot();
      long t0 = System.nanoTime();
      Await.result(OpenLoopDriver.blast(pbx, chunks), Duration.ofMinutes(5));
      // Done when nothing more has arrived for 500 ms, all events in (asterisk-java adds a few of its own) or
      // not (it drops events when its queue of 20,000 overflows; the count then says so).
      long[] seen = {-1, System.nanoTime()};
      Await.until(floor.vertx, Duration.ofSeconds(120), 20, () -> {
        long n = count.get() - before;
        if (n != seen[0]) {
          seen[0] = n;
          seen[1] = System.nanoTime();
        }
        long quiet = System.nanoTime() - seen[1];
        return (n >= events && quiet > 500_000_000L) || quiet > 3_000_000_000L;
      });
      // Measured before logoff: the reader's threads and their CPU time go with the connection.
      CpuMeter.Snapshot end = cpu.snapshot();
      cpuUsed[0] = CpuMeter.between(start, end);
      work[0] = CpuMeter.workSeconds(start, end, true);
      return new long[] {count.get() - before, last.get() - t0};
    } finally {
      connection.logoff();
      Await.result(pbx.stop().otherwiseEmpty(), Duration.ofSeconds(10));
    }
  }

  /** Tickets of this run's calls whose call has ended. */
  private static Future<Long> endedTickets(BenchFloor floor, String[] callIds) {
    return floor.server.server.pool()
        .preparedQuery("SELECT count(*) FROM tickets WHERE ended_at IS NOT NULL AND call_id = ANY($1)")
        .execute(io.vertx.sqlclient.Tuple.of((Object) callIds))
        .map(rows -> rows.iterator().next().getLong(0));
  }
}
