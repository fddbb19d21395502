package klip.facts;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The queue behind {@link GroupCommit} and {@link BatchedReads}: statements submitted while {@code maxInFlight}
 * groups are under way wait and go together in the next group (up to {@code maxGroup}); idle, a statement goes at
 * once, a group of one. Confined to the owner's event loop.
 */
final class StatementGroups {

  /** A statement waiting for its group; {@code done} completes with its rows. */
  record Statement(String sql, Tuple params, Promise<RowSet<Row>> done) {
  }

  private final int maxInFlight;
  private final int maxGroup;
  private final Function<List<Statement>, Future<Void>> run;
  private final ArrayDeque<Statement> waiting = new ArrayDeque<>();
  private int inFlight;

  /** @param run runs a group and completes each statement's promise; its future completes when the group is done */
  StatementGroups(int maxInFlight, int maxGroup, Function<List<Statement>, Future<Void>> run) {
    this.maxInFlight = maxInFlight;
    this.maxGroup = maxGroup;
    this.run = run;
  }

  Future<RowSet<Row>> submit(String sql, Tuple params) {
    Promise<RowSet<Row>> done = Promise.promise();
    waiting.add(new Statement(sql, params, done));
    flush();
    return done.future();
  }

  private void flush() {
    while (inFlight < maxInFlight && !waiting.isEmpty()) {
      List<Statement> group = new ArrayList<>(Math.min(waiting.size(), maxGroup));
      while (group.size() < maxGroup && !waiting.isEmpty()) {
        group.add(waiting.poll());
      }
      inFlight++;
      run.apply(group).onComplete(ar -> {
        inFlight--;
        flush();
      });
    }
  }
}
