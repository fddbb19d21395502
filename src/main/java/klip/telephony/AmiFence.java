package klip.telephony;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import klip.facts.WriteFence;

/**
 * The AMI lease as a fence for the consumers of call facts (tickets, the board): their writes commit only while the
 * lease's token is the one this node holds. A node that lost the lease (no token) or holds an old token (it was
 * paused while another node took over) writes nothing; the new owner reads those calls from Asterisk and CEL.
 */
public final class AmiFence implements WriteFence {

  private final AmiStatus status;

  public AmiFence(AmiStatus status) {
    this.status = status;
  }

  @Override
  public Future<Boolean> holds(SqlConnection conn) {
    Long token = status.fencingToken();
    if (token == null) {
      return Future.succeededFuture(false);
    }
    return conn.preparedQuery(AmiLease.FENCE).execute(Tuple.of(token))
        .map(rows -> rows.iterator().next().getBoolean("current"));
  }
}
