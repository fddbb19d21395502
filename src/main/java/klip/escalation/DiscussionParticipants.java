package klip.escalation;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.tickets.TicketDiscussions;

/** {@link TicketDiscussions} from this capability's discussions table. */
public final class DiscussionParticipants implements TicketDiscussions {

  private final Pool pool;

  public DiscussionParticipants(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Boolean> involves(long ticketId, String teamLeader) {
    return pool.preparedQuery(DiscussionQueries.INVOLVES).execute(Tuple.of(ticketId, teamLeader))
        .map(rows -> rows.iterator().next().getBoolean("involved"));
  }
}
