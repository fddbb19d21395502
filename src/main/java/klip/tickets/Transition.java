package klip.tickets;

import io.vertx.core.json.JsonObject;
import klip.http.ApiError;
import klip.http.Requests;

/**
 * A requested status change with what it carries: the answer and its source when answering, the reason
 * when escalating. Validated before anything touches the database. {@code version} is the ticket version the
 * requester saw (optimistic locking); server-side moves may pass {@code null} to act on the current one.
 */
public record Transition(TicketStatus to, Integer version, String answer, String source, Long articleId,
                         Integer articleVersion, String note, JsonObject extra) {

  public static final String SOURCE_SIKP = "sikp";
  public static final String SOURCE_DISCUSSION = "discussion";
  public static final String SOURCE_DIRECTORATE = "directorate";

  public static Transition from(JsonObject body) {
    String toCode = Requests.requiredString(body, "to", 40);
    TicketStatus to = TicketStatus.fromCode(toCode).orElseThrow(() -> ApiError.badRequest(
        "Status tujuan '" + toCode + "' tidak dikenal (unknown status)"));
    Object version = body.getValue("version");
    if (!(version instanceof Number n) || n.intValue() < 1) {
      throw ApiError.badRequest("Kolom 'version' wajib diisi dengan versi tiket yang dimuat (version required)");
    }
    String answer = Requests.optionalString(body, "answer", 8000);
    String source = Requests.optionalString(body, "source", 20);
    Long articleId = positiveLong(body, "articleId");
    Long articleVersion = positiveLong(body, "articleVersion");
    String note = Requests.optionalString(body, "note", 4000);
    Transition t = new Transition(to, n.intValue(), answer, source, articleId,
        articleVersion == null ? null : articleVersion.intValue(), note, new JsonObject());
    t.validate();
    return t;
  }

  /** A server-side move (escalation desk, discussion) on whatever version is current. */
  public static Transition internal(TicketStatus to, String answer, String source, String note, JsonObject extra) {
    Transition t = new Transition(to, null, answer, source, null, null, note, extra == null ? new JsonObject() : extra);
    t.validate();
    return t;
  }

  private void validate() {
    if (to == TicketStatus.ANSWERED) {
      if (answer == null || answer.isEmpty()) {
        throw ApiError.badRequest("Jawaban wajib diisi (answer required)");
      }
      if (!SOURCE_SIKP.equals(source) && !SOURCE_DISCUSSION.equals(source)) {
        throw ApiError.badRequest("Sumber jawaban harus 'sikp' atau 'discussion' (source must be sikp or discussion)");
      }
      if (SOURCE_SIKP.equals(source) && (articleId == null || articleVersion == null)) {
        throw ApiError.badRequest("Jawaban dari SIKP memerlukan 'articleId' dan 'articleVersion' "
            + "(SIKP answers need the article id and version)");
      }
    } else if (to == TicketStatus.DIRECTORATE_ANSWERED) {
      if (answer == null || answer.isEmpty()) {
        throw ApiError.badRequest("Jawaban Direktorat wajib diisi (directorate answer required)");
      }
    } else if (answer != null || source != null || articleId != null) {
      throw ApiError.badRequest("Jawaban hanya dicatat saat status 'answered' atau 'directorate_answered' "
          + "(an answer belongs to answered or directorate_answered)");
    }
  }

  /** The answer source as stored: the directorate's answer always comes from the directorate. */
  public String storedSource() {
    return to == TicketStatus.DIRECTORATE_ANSWERED ? SOURCE_DIRECTORATE : source;
  }

  private static Long positiveLong(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || n.longValue() < 1 || n.doubleValue() != n.longValue()) {
      throw ApiError.badRequest("Kolom '" + field + "' harus angka positif (positive number expected)");
    }
    return n.longValue();
  }
}
