package klip.telephony;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which MixMonitor is a call's own recording. VarSet MIXMONITOR_FILENAME names the file; MixMonitorStart (no name)
 * still tells which leg is recorded, from whose Uniqueid the dialplan's {@code ${UNIQUEID}.wav} name can be derived.
 * The call's recording is the first one on the queued leg (the dialplan's, started before Queue()); before the queue
 * join is seen, the first one of the call. Any other MixMonitor on the call is an extra recording: kept, never
 * replacing it.
 */
final class CallRecordings {

  private static final Logger log = LoggerFactory.getLogger(CallRecordings.class);

  private final CallFacts facts;

  CallRecordings(CallFacts facts) {
    this.facts = facts;
  }

  void onRecording(LiveCall call, CallEvent e) {
    String uniqueId = e.uniqueId();
    String file = e.detail();
    boolean callerLeg = call.queuedUniqueId != null ? call.queuedUniqueId.equals(uniqueId)
        : call.recordingUniqueId == null || call.recordingUniqueId.equals(uniqueId);
    if (callerLeg && call.recordingUniqueId == null) {
      call.recordingUniqueId = uniqueId;
      call.recordingFile = file;
      facts.recording(call, e.receivedAtMillis());
    } else if (callerLeg && file != null && call.recordingFile == null) {
      call.recordingFile = file; // the name of the recording MixMonitorStart announced
      facts.recording(call, e.receivedAtMillis());
    } else if (file != null && !file.equals(call.recordingFile) && call.extraRecordings.add(file)) {
      log.info("Call {}: another MixMonitor on {} ({}), kept as an extra recording", call.linkedId, uniqueId, file);
    }
  }

  /**
   * The queue join names the caller's leg. A recording seen before it on another leg of the call was not the
   * dialplan's: it becomes an extra, and the call's recording is the queued leg's (derived if never announced).
   */
  static void queuedLeg(LiveCall call, String uniqueId) {
    if (uniqueId == null || call.queuedUniqueId != null) {
      return;
    }
    call.queuedUniqueId = uniqueId;
    if (call.recordingUniqueId != null && !call.recordingUniqueId.equals(uniqueId)) {
      if (call.recordingFile != null) {
        call.extraRecordings.add(call.recordingFile);
      }
      call.recordingUniqueId = null;
      call.recordingFile = null;
    }
  }
}
