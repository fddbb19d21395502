package klip.recordings;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import klip.access.Principal;

/** {@link PlaybackAudit} in the append-only {@code playback_audit} table (a trigger refuses updates and deletes). */
public final class TablePlaybackAudit implements PlaybackAudit {

  private final Pool pool;

  public TablePlaybackAudit(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Void> record(Principal who, String action, Long recordingId, Long captureId, Long ticketId,
                             JsonObject detail) {
    return pool.preparedQuery(RecordingQueries.AUDIT)
        .execute(Tuple.of(who.username(), who.role(), action, recordingId, captureId, ticketId,
            detail == null ? new JsonObject() : detail))
        .mapEmpty();
  }
}
