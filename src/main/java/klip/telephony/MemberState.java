package klip.telephony;

import io.vertx.core.json.JsonObject;

/**
 * A queue member as app_queue reports it (QueueMemberStatus, QueueMemberPause, QueueStatus's QueueMember).
 *
 * @param status  Asterisk device state: 1 not in use, 2 in use, 3 busy, 4 invalid, 5 unavailable, 6 ringing,
 *                7 ringing and in use, 8 on hold; null when the event did not say
 * @param paused  null when the event did not say
 * @param resync  read from QueueStatus after a (re)connect rather than reported as a change
 */
public record MemberState(String queue, String memberInterface, String memberName, Integer status, Boolean paused,
                          String pausedReason, long eventAtMillis, boolean resync) {

  /** From a QueueMemberStatus or QueueMemberPause event (its pause as the translator wrote it in the detail). */
  static MemberState of(CallEvent e) {
    Integer status = e.channelState() == null || e.channelState().equals("null") ? null
        : Integer.valueOf(e.channelState());
    String detail = e.detail();
    Boolean paused = detail == null ? null : detail.startsWith("paused:");
    String reason = Boolean.TRUE.equals(paused) ? detail.substring("paused:".length()) : null;
    return new MemberState(e.queue(), e.memberInterface(), e.memberName(), status, paused,
        reason == null || reason.isEmpty() ? null : reason, e.receivedAtMillis(), false);
  }

  public JsonObject toJson() {
    return new JsonObject().put("queue", queue).put("interface", memberInterface).put("memberName", memberName)
        .put("status", status).put("paused", paused).put("pausedReason", pausedReason)
        .put("eventAt", eventAtMillis).put("resync", resync);
  }
}
