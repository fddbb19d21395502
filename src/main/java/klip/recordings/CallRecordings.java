package klip.recordings;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;

import java.util.Collection;
import java.util.Map;

/**
 * What other capabilities (the QA console) read of recordings and screen captures. The recordings capability owns
 * {@code recordings}, {@code screen_captures}, {@code recording_alerts} and {@code playback_audit}; playing a file
 * back goes through its own audited API, never through here.
 */
public interface CallRecordings {

  /** A call's audio recording: its id, status (present, missing, corrupt, purged) and length when known. */
  record CallAudio(long id, String status, Long durationMs) {
  }

  /** The audio recording of each of these calls that has one, by call id. */
  Future<Map<String, CallAudio>> audioOfCalls(Collection<String> callIds);

  /**
   * A ticket's call-audio recordings, oldest first:
   * {@code [{id, status, durationMs, sizeBytes, format, sha256, statusDetail, startedAt}]}.
   */
  Future<JsonArray> audioOfTicket(long ticketId);

  /** A ticket's screen captures, oldest first: {@code [{id, agent, chunks, totalBytes, status, startedAt}]}. */
  Future<JsonArray> capturesOfTicket(long ticketId);
}
