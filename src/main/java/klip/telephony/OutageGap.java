package klip.telephony;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened while the AMI connection was down, read back from Asterisk's own durable record: the CEL rows
 * cel_pgsql wrote into the {@code cel} table (asterisk-config/cel.conf). Every call with an event in the outage
 * is replayed into the call model in the order it happened (queue, rings, answer, end), so a call wholly inside
 * the outage gets its ticket or missed-call row, and one answered or ended meanwhile its real agent, answer and
 * end time. Facts already given are not repeated (the model ignores a ring or answer it has seen).
 */
final class OutageGap {

  private static final Logger log = LoggerFactory.getLogger(OutageGap.class);
  /** Clocks of Asterisk and this server may differ a little; an event just before the cut is read again. */
  static final long MARGIN_MS = 30_000;

  /** Every event of each call that has one in the window, in the order Asterisk wrote them. */
  static final String EVENTS_OF_CALLS_IN_WINDOW = """
      SELECT eventtype, (extract(epoch FROM eventtime) * 1000)::bigint AS at_ms, cid_num, cid_name, channame,
             appname, appdata, uniqueid, linkedid
      FROM cel WHERE linkedid IN (SELECT DISTINCT linkedid FROM cel WHERE eventtime BETWEEN $1 AND $2)
      ORDER BY id
      """;

  private final Pool pool;

  OutageGap(Pool pool) {
    this.pool = pool;
  }

  /** The calls Asterisk recorded between {@code fromMillis} and {@code toMillis} (with the margin before). */
  Future<List<CelCall.Row>> read(long fromMillis, long toMillis) {
    return pool.preparedQuery(EVENTS_OF_CALLS_IN_WINDOW).execute(Tuple.of(utc(fromMillis - MARGIN_MS), utc(toMillis)))
        .map(rows -> {
          List<CelCall.Row> list = new ArrayList<>();
          for (Row r : rows) {
            list.add(new CelCall.Row(r.getString("eventtype"), r.getLong("at_ms"), r.getString("cid_num"),
                r.getString("cid_name"), r.getString("channame"), r.getString("appname"), r.getString("appdata"),
                r.getString("uniqueid"), r.getString("linkedid")));
          }
          return list;
        });
  }

  /**
   * Replays the outage's calls into the model; on the telephony context. A ring before {@code cutAt} of an agent
   * the model already saw ring was heard live and is not repeated. Returns how many calls it touched.
   */
  static int apply(CallModel model, List<CelCall.Row> rows, long cutAt) {
    int touched = 0;
    for (CelCall c : CelCall.fromRows(rows, model::isMemberChannel)) {
      LiveCall call = model.find(c.linkedId());
      if (call != null && call.ended) {
        continue;
      }
      if (call == null) {
        call = model.getOrCreate(c.linkedId(), c.firstAt());
      }
      call.learnCaller(c.callerNumber(), c.callerName());
      if (call.queue == null) {
        call.queue = c.queue();
        call.queuedAt = c.queuedAt();
      }
      model.queuedLeg(call, c.queuedUniqueId());
      for (CelCall.Ring ring : c.rings()) {
        String member = model.memberOf(ring.channel());
        if (!(ring.at() < cutAt && call.rang.contains(member))) {
          model.ring(call, member, null, ring.at());
        }
      }
      if (c.answered() != null) {
        model.answer(call, model.memberOf(c.answered().channel()), c.answered().channel(), c.answered().at());
      }
      if (c.endedAt() != null) {
        model.finish(call, c.endedAt());
      }
      touched++;
    }
    if (touched > 0) {
      log.info("Filled the AMI outage from Asterisk's CEL: {} calls", touched);
    }
    return touched;
  }

  private static LocalDateTime utc(long millis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }
}
