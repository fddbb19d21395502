package klip.recordings;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import klip.access.Principal;

/**
 * Who played, downloaded or viewed which recording or capture, and when. The stream or view is refused when
 * the entry cannot be written: no unaudited playback. The table-backed implementation here can be swapped for
 * the hash-chained audit log of klip.identity without touching the callers.
 */
public interface PlaybackAudit {

  /**
   * Records one access.
   *
   * @param action     play, download, view_screen, view_peaks, verify
   * @param recordingId the recording row, or null for a whole screen capture
   * @param captureId  the screen capture, or null
   * @param detail     e.g. the byte range requested
   */
  Future<Void> record(Principal who, String action, Long recordingId, Long captureId, Long ticketId,
                      JsonObject detail);
}
