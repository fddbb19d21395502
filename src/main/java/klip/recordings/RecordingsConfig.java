package klip.recordings;

import klip.config.Settings;

import java.nio.file.Path;

/**
 * The recordings capability's settings, parsed once.
 *
 * @param root               the recordings directory (shared with Asterisk in production)
 * @param graceMs            how long after a call ends its recording may take to appear before it is missing
 * @param retentionDays      files older than this are purged (rows kept, marked purged)
 * @param integrityEveryMs   period of the scheduled SHA-256 verification of every present file
 * @param purgeEveryMs       period of the retention purge
 * @param chunkMaxBytes      largest screen-capture chunk accepted
 * @param captureMaxBytes    largest screen capture (all chunks of one call)
 * @param grantIdleMs        a playback grant ends this long after its last Range request
 * @param grantMaxMs         and this long after it was issued, whatever its use
 */
public record RecordingsConfig(Path root, long graceMs, int retentionDays, long integrityEveryMs, long purgeEveryMs,
                               int chunkMaxBytes, long captureMaxBytes, long grantIdleMs, long grantMaxMs) {

  public static RecordingsConfig from(Path root, Settings s) {
    return new RecordingsConfig(root, s.longValue("KLIP_RECORDING_GRACE_MS"), s.integer("KLIP_RETENTION_DAYS"),
        s.longValue("KLIP_INTEGRITY_INTERVAL_MS"), s.longValue("KLIP_PURGE_INTERVAL_MS"),
        s.integer("KLIP_CAPTURE_CHUNK_MAX_BYTES"), s.longValue("KLIP_CAPTURE_MAX_BYTES"),
        s.longValue("KLIP_PLAYBACK_GRANT_IDLE_MS"), s.longValue("KLIP_PLAYBACK_GRANT_MAX_MS"));
  }
}
