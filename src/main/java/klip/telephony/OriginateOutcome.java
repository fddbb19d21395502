package klip.telephony;

import io.vertx.core.eventbus.ReplyException;

/**
 * How an AMI Originate ended, as the other capabilities see it. Asterisk answers an async Originate at once
 * ("successfully queued") and tells the real outcome later in an {@code OriginateResponse} event whose
 * {@code Reason} is the last control frame of the dialled channel: 4 answered, 5 busy, 8 congestion, 3 (or 1)
 * rang without answer, 0 the channel could not be created at all (a phone or technology that does not exist).
 * A failed Originate reaches the requester as a failed reply whose message starts with one of the codes below.
 */
public final class OriginateOutcome {

  /** The phone could not be rung: no such device or technology, or congestion. */
  public static final String UNAVAILABLE = "unavailable";
  /** It rang and nobody answered within the timeout. */
  public static final String NO_ANSWER = "no_answer";
  public static final String BUSY = "busy";
  /** Asterisk refused the action itself (bad channel syntax, permission). */
  public static final String REFUSED = "refused";
  /** No OriginateResponse came back (connection lost meanwhile). */
  public static final String NO_RESPONSE = "no_response";

  private OriginateOutcome() {
  }

  /** The failure code for an OriginateResponse {@code Reason} that is not an answer. */
  static String codeOfReason(Integer reason) {
    if (reason == null) {
      return UNAVAILABLE;
    }
    return switch (reason) {
      case 1, 3 -> NO_ANSWER;
      case 5 -> BUSY;
      default -> UNAVAILABLE;
    };
  }

  /** The message of a failed Originate reply: the code, then an English detail for the logs. */
  static String failureMessage(String code, String detail) {
    return code + ": " + detail;
  }

  /** The code of a failed ORIGINATE request (a reply failure, or a bus timeout meaning no answer in time). */
  public static String codeOf(Throwable failure) {
    if (failure instanceof ReplyException reply && reply.failureType() == io.vertx.core.eventbus.ReplyFailure.TIMEOUT) {
      return NO_RESPONSE;
    }
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    int colon = message.indexOf(':');
    String code = colon < 0 ? "" : message.substring(0, colon);
    return switch (code) {
      case UNAVAILABLE, NO_ANSWER, BUSY, REFUSED, NO_RESPONSE -> code;
      default -> REFUSED;
    };
  }

  /** What the person whose phone was to ring is told (the API's message; the pages use the code). */
  public static String describe(String code) {
    return switch (code) {
      case UNAVAILABLE -> "Telepon tidak dapat dihubungi: perangkat tidak ada atau tidak terdaftar di PBX";
      case NO_ANSWER -> "Telepon berdering tetapi tidak diangkat";
      case BUSY -> "Telepon sedang sibuk";
      case NO_RESPONSE -> "PBX tidak memberi kabar hasil panggilan; sambungan ke PBX mungkin terputus";
      default -> "PBX menolak panggilan";
    };
  }
}
