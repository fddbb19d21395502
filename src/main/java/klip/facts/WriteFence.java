package klip.facts;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Whether writes derived from AMI facts may still commit: checked inside each batch's transaction, so that a node
 * which lost the AMI connection to another (paused, cut off, then waking up) writes nothing the new owner has not
 * read from Asterisk itself. A batch refused by the fence is not retried: its facts are the new owner's now.
 */
public interface WriteFence {

  /** No fence: one node alone, or writes that do not come from AMI facts. */
  WriteFence NONE = conn -> Future.succeededFuture(true);

  /** Whether this node may still write, asked on the batch's own connection, inside its transaction. */
  Future<Boolean> holds(SqlConnection conn);

  /** A batch the fence refused. */
  final class FencedOut extends RuntimeException {
    public FencedOut() {
      super("fenced out: another node owns the AMI connection now", null, false, false);
    }
  }
}
