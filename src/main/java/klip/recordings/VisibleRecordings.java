package klip.recordings;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import klip.access.Principal;
import klip.http.ApiError;

/** A recording's row, if it exists and this person may see its ticket's recordings (404 / 403 otherwise). */
final class VisibleRecordings {

  private final Pool pool;
  private final RecordingAccess access;

  VisibleRecordings(Pool pool, RecordingAccess access) {
    this.pool = pool;
    this.access = access;
  }

  Future<Row> of(Principal who, long id) {
    return pool.preparedQuery(RecordingQueries.BY_ID).execute(Tuple.of(id)).compose(rows -> {
      if (!rows.iterator().hasNext()) {
        throw ApiError.notFound("Rekaman " + id + " tidak ditemukan");
      }
      Row r = rows.iterator().next();
      return access.check(who, r.getLong("ticket_id")).map(r);
    });
  }
}
