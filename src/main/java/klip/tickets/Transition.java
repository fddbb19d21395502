package klip.tickets;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.common.dsl.ObjectSchemaBuilder;
import io.vertx.json.schema.common.dsl.Schemas;
import klip.http.ApiError;
import klip.http.Fields;
import klip.http.RequestInput;

/**
 * A requested status change with what it carries: the answer and its source when answering, the reason
 * when escalating. Checked before anything touches the database. {@code version} is the ticket version the
 * requester saw (optimistic locking); server-side moves may pass {@code null} to act on the current one.
 */
public record Transition(TicketStatus to, Integer version, String answer, String source, Long articleId,
                         Integer articleVersion, String note, JsonObject extra) {

  public static final String SOURCE_SIKP = "sikp";
  public static final String SOURCE_DISCUSSION = "discussion";
  public static final String SOURCE_DIRECTORATE = "directorate";

  /** The request body of a status change, as a JSON schema. */
  public static ObjectSchemaBuilder schema() {
    return Schemas.objectSchema()
        .requiredProperty("to", Fields.requiredText(40))
        .requiredProperty("version", Fields.whole(1, Integer.MAX_VALUE))
        .optionalProperty("answer", Fields.text(8000))
        .optionalProperty("source", Fields.text(20))
        .optionalProperty("articleId", Fields.id().nullable())
        .optionalProperty("articleVersion", Fields.whole(1, Integer.MAX_VALUE).nullable())
        .optionalProperty("note", Fields.text(4000));
  }

  /** From a body that matched {@link #schema()}: what is left to check are the lifecycle's own rules. */
  public static Transition from(JsonObject body) {
    String toCode = RequestInput.text(body, "to");
    TicketStatus to = TicketStatus.fromCode(toCode).orElseThrow(() -> ApiError.badRequest(
        "Status tujuan '" + toCode + "' tidak dikenal"));
    Long articleVersion = body.getLong("articleVersion");
    Transition t = new Transition(to, body.getInteger("version"), RequestInput.text(body, "answer"),
        RequestInput.text(body, "source"), body.getLong("articleId"),
        articleVersion == null ? null : articleVersion.intValue(), RequestInput.text(body, "note"), new JsonObject());
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
        throw ApiError.badRequest("Jawaban wajib diisi");
      }
      if (!SOURCE_SIKP.equals(source) && !SOURCE_DISCUSSION.equals(source)) {
        throw ApiError.badRequest("Sumber jawaban harus 'sikp' atau 'discussion'");
      }
      if (SOURCE_SIKP.equals(source) && (articleId == null || articleVersion == null)) {
        throw ApiError.badRequest("Jawaban dari SIKP memerlukan 'articleId' dan 'articleVersion'");
      }
    } else if (to == TicketStatus.DIRECTORATE_ANSWERED) {
      if (answer == null || answer.isEmpty()) {
        throw ApiError.badRequest("Jawaban Direktorat wajib diisi");
      }
    } else if (answer != null || source != null || articleId != null) {
      throw ApiError.badRequest("Jawaban hanya dicatat saat status 'answered' atau 'directorate_answered'");
    }
  }

  /** The answer source as stored: the directorate's answer always comes from the directorate. */
  public String storedSource() {
    return to == TicketStatus.DIRECTORATE_ANSWERED ? SOURCE_DIRECTORATE : source;
  }
}
