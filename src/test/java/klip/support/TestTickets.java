package klip.support;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Ticket rows as call intake writes them, for tests of what happens after the pop. */
public final class TestTickets {

  private TestTickets() {
  }

  /** A connected call's ticket for {@code agent}, received at {@code at}, with a question; returns its id. */
  public static long connected(Pool pool, String agent, OffsetDateTime at, String question) {
    try {
      return pool.preparedQuery("""
              INSERT INTO tickets (call_id, caller_number, caller_phone, caller_name, queue, agent_username,
                                   agent_interface, call_status, rang_at, answered_at, question, created_at)
              VALUES ($1, '081234567890', '081234567890', 'Budi', 'eapp', $2, $3, 'connected', $4, $4, $5, $4)
              RETURNING id
              """)
          .execute(Tuple.of(UUID.randomUUID().toString(), agent, "Local/" + agent + "@agents/n", at, question))
          .map(rows -> rows.iterator().next().getLong("id"))
          .await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static long connected(Pool pool, String agent) {
    return connected(pool, agent, OffsetDateTime.now(), "Bagaimana cara lapor SPT lewat e-Filing?");
  }

  /** Runs a statement (fixture set-up or an assertion's query) and returns the first column of the first row. */
  public static Object scalar(Pool pool, String sql, Object... params) {
    try {
      return pool.preparedQuery(sql).execute(Tuple.from(params))
          .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getValue(0) : null)
          .await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
