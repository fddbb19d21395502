package klip.recordings;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** {@link CallRecordings} read from the recordings capability's tables. */
public final class RecordingCatalogue implements CallRecordings {

  private final Pool pool;

  public RecordingCatalogue(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Map<String, CallAudio>> audioOfCalls(Collection<String> callIds) {
    return pool.preparedQuery(RecordingQueries.AUDIO_OF_CALLS).execute(Tuple.of(callIds.toArray(new String[0])))
        .map(rows -> {
          Map<String, CallAudio> audio = new HashMap<>();
          for (Row r : rows) {
            audio.put(r.getString("call_id"), new CallAudio(r.getLong("id"), r.getString("status"),
                r.getLong("duration_ms")));
          }
          return audio;
        });
  }

  @Override
  public Future<JsonArray> audioOfTicket(long ticketId) {
    return pool.preparedQuery(RecordingQueries.AUDIO_OF_TICKET).execute(Tuple.of(ticketId)).map(rows -> {
      JsonArray list = new JsonArray();
      rows.forEach(r -> list.add(new JsonObject().put("id", r.getLong("id"))
          .put("status", r.getString("status")).put("durationMs", r.getLong("duration_ms"))
          .put("sizeBytes", r.getLong("size_bytes")).put("format", r.getString("format"))
          .put("sha256", r.getString("sha256")).put("statusDetail", r.getString("status_detail"))
          .put("startedAt", iso(r.getOffsetDateTime("started_at")))));
      return list;
    });
  }

  @Override
  public Future<JsonArray> capturesOfTicket(long ticketId) {
    return pool.preparedQuery(RecordingQueries.CAPTURES_OF_TICKET).execute(Tuple.of(ticketId)).map(rows -> {
      JsonArray list = new JsonArray();
      rows.forEach(c -> list.add(new JsonObject().put("id", c.getLong("id"))
          .put("agent", c.getString("agent_username")).put("chunks", c.getInteger("next_seq"))
          .put("totalBytes", c.getLong("total_bytes")).put("status", c.getString("status"))
          .put("startedAt", iso(c.getOffsetDateTime("started_at")))));
      return list;
    });
  }

  private static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
