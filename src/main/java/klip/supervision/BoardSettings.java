package klip.supervision;

/**
 * How the live board counts time, as Asterisk's queues.conf does.
 *
 * @param wrapUpMs            how long after a call an agent shows in wrap-up ({@code wrapuptime})
 * @param serviceLevelSeconds the answer target of the day's service level ({@code servicelevel})
 */
public record BoardSettings(long wrapUpMs, int serviceLevelSeconds) {
}
