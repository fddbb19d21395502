package klip.http;

/** A failure with the HTTP status and the message the client should see; thrown or failed into a future. */
public final class ApiError extends RuntimeException {

  /** Brackets the code in a reply message; never part of a code or the start of a human message. */
  private static final String CODE_MARK = "\u0001";

  private final int status;
  private final String code;

  public ApiError(int status, String message) {
    this(status, message, null);
  }

  /** With a machine-readable {@code code} the pages translate through their text table (i18n.js). */
  public ApiError(int status, String message, String code) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  /** Null when the message alone is the answer. */
  public String code() {
    return code;
  }

  /** The message of an event-bus reply failure carrying this error (the status is the failure code). */
  public String toReplyMessage() {
    return code == null ? getMessage() : CODE_MARK + code + CODE_MARK + getMessage();
  }

  /** The error a verticle sent back with {@link #toReplyMessage()}. */
  public static ApiError fromReply(int status, String replyMessage) {
    if (replyMessage != null && replyMessage.startsWith(CODE_MARK)) {
      int end = replyMessage.indexOf(CODE_MARK, 1);
      if (end > 0) {
        return new ApiError(status, replyMessage.substring(end + 1), replyMessage.substring(1, end));
      }
    }
    return new ApiError(status, replyMessage);
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, message);
  }

  public static ApiError forbidden(String message) {
    return new ApiError(403, message);
  }

  public static ApiError conflict(String message) {
    return new ApiError(409, message);
  }
}
