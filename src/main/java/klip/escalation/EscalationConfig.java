package klip.escalation;

import klip.config.Settings;

import java.time.LocalTime;

/**
 * The escalation capability's settings, parsed once.
 *
 * @param publishOutbox     false stops the outbox publisher: what a crash between commit and publish looks like
 * @param channel           how escalations reach the Direktorat TIP: {@code demo} (built-in inbox) or {@code webhook}
 * @param warningMinutes    working minutes before the deadline at which the warning goes out
 * @param tlReplyTimeoutMin minutes a team leader has to reply before the next one on duty is alerted
 */
public record EscalationConfig(boolean publishOutbox, long outboxPollMs, String channel, String webhookUrl,
                               int webhookAttempts, long webhookBackoffMs, LocalTime workdayStart,
                               LocalTime workdayEnd, long warningMinutes, long deadlineCheckMs,
                               double tlReplyTimeoutMin) {

  public static EscalationConfig from(Settings s) {
    String channel = s.string("KLIP_DIRECTORATE_CHANNEL", "demo");
    if (!channel.equals("demo") && !channel.equals("webhook")) {
      throw new IllegalStateException("KLIP_DIRECTORATE_CHANNEL must be 'demo' or 'webhook', got '" + channel + "'");
    }
    String url = s.string("KLIP_DIRECTORATE_WEBHOOK_URL", "");
    if (channel.equals("webhook") && url.isBlank()) {
      throw new IllegalStateException("KLIP_DIRECTORATE_CHANNEL=webhook needs KLIP_DIRECTORATE_WEBHOOK_URL");
    }
    LocalTime start = LocalTime.parse(s.string("KLIP_WORKDAY_START", "08:00"));
    LocalTime end = LocalTime.parse(s.string("KLIP_WORKDAY_END", "17:00"));
    if (!end.isAfter(start)) {
      throw new IllegalStateException("KLIP_WORKDAY_END must be after KLIP_WORKDAY_START");
    }
    return new EscalationConfig(s.bool("KLIP_OUTBOX_PUBLISH"), s.longValue("KLIP_OUTBOX_POLL_MS"), channel, url,
        s.integer("KLIP_DIRECTORATE_WEBHOOK_ATTEMPTS"), s.longValue("KLIP_DIRECTORATE_WEBHOOK_BACKOFF_MS"), start, end,
        s.longValue("KLIP_DEADLINE_WARNING_MIN"), s.longValue("KLIP_DEADLINE_CHECK_MS"),
        Double.parseDouble(s.string("KLIP_TL_REPLY_TIMEOUT_MIN", "5")));
  }
}
